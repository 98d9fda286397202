package thymos.cli;

import picocli.CommandLine;

/** Reads durations such as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d} or plain ms. */
final class Durations implements CommandLine.ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    if (!value.matches("[0-9]{1,12}(ms|s|m|h|d)?")) {
      throw new CommandLine.TypeConversionException("'" + value
          + "' is not a duration like 90s, 30m, 24h, 7d or 5000ms");
    }
    String digits = value.replaceAll("[a-z]+$", "");
    String unit = value.substring(digits.length());
    long n = Long.parseLong(digits);
    return switch (unit) {
      case "s" -> n * 1_000;
      case "m" -> n * 60_000;
      case "h" -> n * 3_600_000;
      case "d" -> n * 86_400_000;
      default -> n;
    };
  }
}

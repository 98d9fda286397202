package thymos.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process talks to a terminal. Up to Java 21 {@link System#console()} is null when
 * a standard stream is redirected; from Java 22 it returns a console anyway and {@code
 * Console.isTerminal()} (not in the Java 21 API we compile against) tells, so it is called
 * reflectively when present.
 */
final class Terminal {

  private Terminal() {}

  static boolean attached() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true; // Java 21: a console exists only for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}

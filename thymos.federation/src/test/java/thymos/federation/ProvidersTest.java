package thymos.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import thymos.api.spi.AnchorSinkProvider;

/** The sink providers are registered in the module descriptor and META-INF/services alike. */
class ProvidersTest {

  @Test
  void required_A5_2_providesAndServicesFileAgreeAndAreFound() throws IOException {
    ModuleDescriptor d = AttestedClock.class.getModule().getDescriptor();
    Set<String> provided = d.provides().stream()
        .filter(p -> p.service().equals(AnchorSinkProvider.class.getName()))
        .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed;
    try (InputStream in = AttestedClock.class.getModule()
        .getResourceAsStream("META-INF/services/" + AnchorSinkProvider.class.getName())) {
      listed = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .map(String::strip).filter(s -> !s.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(provided, listed);
    // found as the kernel finds them (this module only provides, it does not use)
    List<AnchorSinkProvider> found = thymos.kernel.anchor.AnchorSinks.providers();
    assertEquals(List.of("file", "http", "rfc3161"),
        found.stream().map(AnchorSinkProvider::name).sorted().toList());
    found.forEach(p -> assertEquals(AnchorSinkProvider.SPEC_VERSION, p.specVersion()));
  }
}

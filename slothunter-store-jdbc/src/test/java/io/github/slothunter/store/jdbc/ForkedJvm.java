package io.github.slothunter.store.jdbc;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How the kill tests start a child JVM on this JVM's classes. */
final class ForkedJvm {
  private ForkedJvm() {}

  /** This JVM's {@code java} launcher. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * This JVM's class path for a child run on the class path alone: where the given classes were
   * loaded from (test classes patched into a module are on neither path), then this JVM's class path
   * and module path.
   */
  static String classPath(Class<?>... anchors) {
    Set<String> entries = new LinkedHashSet<>();
    try {
      for (Class<?> c : anchors) {
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        entries.addAll(Arrays.asList(value.split(File.pathSeparator)));
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}

package io.github.slothunter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The store's module boundary, as the tests run it: on the module path. */
class ModuleTest {
  private static final String INTERNAL = "io.github.slothunter.store.jdbc.internal";

  @Test
  void theStoreIsANamedModuleThatExportsOnlyItsApi() {
    Module store = JdbcStore.class.getModule();
    ModuleDescriptor d = store.getDescriptor();

    assertThat(store.isNamed()).as("the store's tests run on the module path").isTrue();
    assertThat(store.getName()).isEqualTo("io.github.slothunter.store.jdbc");
    assertThat(d.exports()).extracting(Exports::source, Exports::isQualified)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("io.github.slothunter.store.jdbc", false));
    assertThat(d.opens()).isEmpty();
    assertThat(store.getPackages()).contains(INTERNAL);
    assertThat(store.isExported(INTERNAL)).isFalse();
    assertThat(d.requires().stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .as("what the store's API exposes").containsExactlyInAnyOrder("io.github.slothunter.api", "java.sql");
  }

  @Test
  void theMigrationScriptsAreReadFromInsideTheModule() {
    assertThat(JdbcStore.class.getResource("/" + JdbcStore.MIGRATION_DIRECTORY + "/" + JdbcStore.MIGRATIONS.get(0)))
        .as("visible to the module's own classes").isNotNull();
    assertThat(ClassLoader.getSystemClassLoader().getResource(JdbcStore.MIGRATION_DIRECTORY + "/"
        + JdbcStore.MIGRATIONS.get(0))).as("encapsulated: a class loader does not show them").isNull();
  }
}

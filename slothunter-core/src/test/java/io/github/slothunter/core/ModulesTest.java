package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.Slot;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.Providers;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published modules' boundaries, on the module path: what each one exports, opens and provides,
 * that no {@code internal} package is exported, and that discovery finds both providers as modules.
 *
 * <p>Surefire runs these tests on the module path, patched into the engine's module, so the engine
 * and the API are modules of the boot layer (and, as surefire binds the services the API uses, so
 * are the providers). Whatever of the providers and the testkit is still on the class path is
 * loaded again, as modules, into a layer of its own over the boot layer. Only names are used here,
 * no provider or testkit class, so that this test does not depend on reading them.
 */
class ModulesTest {
  private static final String SERVICES = "META-INF/services/" + ProviderFactory.class.getName();
  private static final String PAZIRESH24 = "io.github.slothunter.provider.paziresh24";
  private static final String DOCTORETO = "io.github.slothunter.provider.doctoreto";
  private static final String TESTKIT = "io.github.slothunter.testkit";
  private static final Map<String, String> FACTORIES = Map.of(
      PAZIRESH24, PAZIRESH24 + ".Paziresh24ProviderFactory",
      DOCTORETO, DOCTORETO + ".DoctoretoProviderFactory");

  /** A class of each module to load as a module, and of each dependency the boot layer may lack. */
  private static final List<String> LAYER_CLASSES = List.of(FACTORIES.get(PAZIRESH24), FACTORIES.get(DOCTORETO),
      TESTKIT + ".FakePaziresh24", "okhttp3.OkHttpClient", "okio.Buffer", "kotlin.Unit",
      "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
      "com.fasterxml.jackson.annotation.JsonProperty");

  private static ModuleLayer layer;

  /**
   * A layer over the boot layer holding, as modules, the jars of {@link #LAYER_CLASSES} that are on
   * the class path; the providers and the testkit are modules of it or of the boot layer.
   */
  private static synchronized ModuleLayer layer() throws ReflectiveOperationException, URISyntaxException {
    if (layer == null) {
      List<Path> jars = new ArrayList<>();
      for (String name : LAYER_CLASSES) {
        Class<?> c = Class.forName(name, false, ModulesTest.class.getClassLoader());
        if (!c.getModule().isNamed()) {
          jars.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
      }
      ModuleLayer boot = ModuleLayer.boot();
      Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(jars.toArray(Path[]::new)),
          ModuleFinder.of(), Set.of(PAZIRESH24, DOCTORETO, TESTKIT));
      layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
    }
    return layer;
  }

  /** The module, from the layer or the boot layer. */
  private static Module module(String name) throws ReflectiveOperationException, URISyntaxException {
    return layer().findModule(name).orElseThrow();
  }

  /** The packages exported to everyone. */
  private static Set<String> exported(ModuleDescriptor d) {
    return d.exports().stream().filter(e -> !e.isQualified()).map(Exports::source).collect(Collectors.toSet());
  }

  /** Qualified exports and opens, by package: there should be none but the ones asserted. */
  private static Map<String, Set<String>> qualified(ModuleDescriptor d) {
    return Stream.concat(
        d.exports().stream().filter(Exports::isQualified).map(e -> Map.entry("exports " + e.source(), e.targets())),
        d.opens().stream().map(o -> Map.entry("opens " + o.source(), o.targets())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void theEngineIsANamedModuleThatExportsOnlyItsApi() {
    Module core = SlotHunter.class.getModule();
    ModuleDescriptor d = core.getDescriptor();

    assertThat(core.isNamed()).as("the engine's tests run on the module path").isTrue();
    assertThat(core.getName()).isEqualTo("io.github.slothunter.core");
    assertThat(core.isExported("io.github.slothunter.core")).isTrue();
    assertThat(core.getPackages()).contains("io.github.slothunter.core.internal");
    assertThat(core.isExported("io.github.slothunter.core.internal")).isFalse();
    assertThat(core.isOpen("io.github.slothunter.core.internal")).isFalse();
    assertThat(exported(d)).containsExactly("io.github.slothunter.core");
    assertThat(qualified(d)).isEmpty();
    assertThat(d.isOpen()).isFalse();
  }

  @Test
  void theApiExportsItsTwoPackagesAndUsesTheProviderFactory() {
    Module api = Slot.class.getModule();
    ModuleDescriptor d = api.getDescriptor();

    assertThat(api.getName()).isEqualTo("io.github.slothunter.api");
    assertThat(exported(d)).containsExactlyInAnyOrder("io.github.slothunter.api", "io.github.slothunter.spi");
    assertThat(qualified(d)).isEmpty();
    assertThat(d.uses()).containsExactly(ProviderFactory.class.getName());
    assertThat(SlotHunter.class.getModule().canRead(api)).isTrue();
  }

  @Test
  void discoveryFindsBothProvidersAsModules() throws Exception {
    ClassLoader loader = module(TESTKIT).getClassLoader(); // its parents' layers include the boot layer

    Providers providers = Providers.discover(loader);

    assertThat(providers.ids()).containsExactlyInAnyOrder("paziresh24", "doctoreto");
    assertThat(providers.get("paziresh24").getClass().getModule()).isEqualTo(module(PAZIRESH24));
    assertThat(providers.get("doctoreto").getClass().getModule()).isEqualTo(module(DOCTORETO));
  }

  @Test
  void eachProviderExportsOnlyItsPublicPackageAndProvidesItsFactory() throws Exception {
    for (Map.Entry<String, String> e : FACTORIES.entrySet()) {
      Module provider = module(e.getKey());
      ModuleDescriptor d = provider.getDescriptor();
      String internal = e.getKey() + ".internal";

      assertThat(exported(d)).as(e.getKey()).containsExactly(e.getKey());
      assertThat(qualified(d)).as(e.getKey()).isEmpty();
      assertThat(provider.getPackages()).as(e.getKey()).contains(internal);
      assertThat(provider.isExported(internal)).as(e.getKey()).isFalse();
      assertThat(d.provides()).as(e.getKey()).singleElement().satisfies(p -> {
        assertThat(p.service()).isEqualTo(ProviderFactory.class.getName());
        assertThat(p.providers()).containsExactly(e.getValue());
      });
      assertThat(d.requires()).as(e.getKey()).anySatisfy(r -> {
        assertThat(r.name()).isEqualTo("io.github.slothunter.api");
        assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
      });
      assertThat(d.requires()).as("providers never depend on the engine").noneMatch(
          r -> r.name().equals("io.github.slothunter.core"));
    }
  }

  @Test
  void eachProviderStillListsItsFactoryForTheClassPath() throws Exception {
    for (String name : FACTORIES.keySet()) {
      ModuleReference jar = module(name).getLayer().configuration().findModule(name)
          .map(ResolvedModule::reference).orElseThrow();

      try (ModuleReader reader = jar.open()) {
        assertThat(reader.find(SERVICES)).as(name).isPresent();
      }
    }
  }

  @Test
  void theTestkitExportsOnlyItsPublicPackageAndOpensItToJUnit() throws Exception {
    Module testkit = module(TESTKIT);
    ModuleDescriptor d = testkit.getDescriptor();

    assertThat(exported(d)).containsExactly(TESTKIT);
    assertThat(qualified(d)).containsOnly(Map.entry("opens " + TESTKIT, Set.of("org.junit.platform.commons")));
    assertThat(testkit.getPackages()).contains(TESTKIT + ".internal");
    assertThat(testkit.isExported(TESTKIT + ".internal")).isFalse();
    assertThat(d.provides()).isEmpty();
  }
}

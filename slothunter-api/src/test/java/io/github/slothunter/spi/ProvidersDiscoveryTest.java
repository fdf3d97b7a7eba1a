package io.github.slothunter.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.testproviders.AlphaProviderFactory;
import io.github.slothunter.testproviders.BetaProviderFactory;
import io.github.slothunter.testproviders.DuplicateAlphaProviderFactory;
import io.github.slothunter.testproviders.ExplodingProviderFactory;
import io.github.slothunter.testproviders.FakeProvider;
import io.github.slothunter.testproviders.IdThrowingProviderFactory;
import io.github.slothunter.testproviders.InvalidIdProviderFactory;
import io.github.slothunter.testproviders.JarredProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through {@link java.util.ServiceLoader}, with the test class path and with isolated class loaders. */
class ProvidersDiscoveryTest {
  private static final String SERVICES = "META-INF/services/" + ProviderFactory.class.getName();

  @TempDir
  Path dir;

  /** Discovers with a loader that sees every test class but only a services file listing these lines. */
  private Providers discoverListing(String... lines) throws IOException {
    Path services = dir.resolve(SERVICES);
    Files.createDirectories(services.getParent());
    Files.write(services, java.util.List.of(lines), UTF_8);
    try (URLClassLoader loader = new URLClassLoader("services-dir", new URL[] {dir.toUri().toURL()},
        IsolatedClassLoader.classesOnly())) {
      return Providers.discover(loader);
    }
  }

  private SlotHunterException discoveryFailure(String... lines) {
    return catchThrowableOfType(SlotHunterException.class, () -> discoverListing(lines));
  }

  /** Builds a jar holding only the factory's class file and a services entry naming it. */
  private Path jarProviding(Class<? extends ProviderFactory> factory) throws IOException {
    Path jar = dir.resolve("provider-" + factory.getSimpleName() + ".jar");
    String classFile = factory.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (InputStream bytes = factory.getClassLoader().getResourceAsStream(classFile);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      assertThat(bytes).as("class file of %s on the test class path", factory.getName()).isNotNull();
      out.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(out);
      out.closeEntry();
      out.putNextEntry(new JarEntry(SERVICES));
      out.write((factory.getName() + "\n").getBytes(UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static Providers discoverWithContextClassLoader(ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return Providers.discover();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void discoverFindsTheFactoriesRegisteredOnTheTestClassPathInFileOrder() {
    Providers providers = Providers.discover();

    assertThat(providers.ids()).containsExactly("alpha", "beta");
    assertThat(providers.get("alpha")).isInstanceOf(AlphaProviderFactory.class);
    assertThat(providers.get("beta")).isInstanceOf(BetaProviderFactory.class);
  }

  @Test
  void discoverWithAGivenClassLoaderReadsItsServicesFiles() {
    Providers providers = Providers.discover(ProvidersDiscoveryTest.class.getClassLoader());

    assertThat(providers.ids()).containsExactly("alpha", "beta");
  }

  @Test
  void discoverFallsBackToTheApiClassLoaderWithoutAContextClassLoader() {
    Providers providers = discoverWithContextClassLoader(null);

    assertThat(providers.ids()).containsExactly("alpha", "beta");
  }

  @Test
  void discoverRejectsANullClassLoader() {
    assertThatNullPointerException().isThrownBy(() -> Providers.discover((ClassLoader) null))
        .withMessage("classLoader");
  }

  @Test
  void discoveredFactoriesCreateWorkingProviders() {
    ProviderContext context = ProviderContext.of("alpha");

    try (Provider provider = Providers.discover().get("alpha").create(context)) {
      assertThat(provider.info().id()).isEqualTo("alpha");
      assertThat(provider.parse("alpha:dr-1")).hasValueSatisfying(ref -> assertThat(ref.key()).isEqualTo("dr-1"));
      assertThat(provider.parse("https://elsewhere.example/dr-1")).isEmpty();
      assertThat(provider.bookingLink(null)).as("default booking link").isEmpty();
    }
  }

  @Test
  void providerCloseIsIdempotent() {
    FakeProvider provider = (FakeProvider) new AlphaProviderFactory().create(ProviderContext.of("alpha"));

    provider.close();
    provider.close();

    assertThat(provider.closes()).isEqualTo(2);
    assertThat(provider.slots().freeDays(io.github.slothunter.api.Fixtures.target())).isEmpty();
  }

  @Test
  void anIsolatedLoaderSeesOnlyItsOwnServicesFile() throws IOException {
    Providers providers = discoverListing("# only beta here", "", BetaProviderFactory.class.getName());

    assertThat(providers.ids()).containsExactly("beta");
  }

  @Test
  void anEmptyServicesFileFindsNothing() throws IOException {
    assertThat(discoverListing("# nothing").isEmpty()).isTrue();
  }

  @Test
  void twoFactoriesWithOneIdFailNamingBothClasses() {
    SlotHunterException e = discoveryFailure(
        AlphaProviderFactory.class.getName(), DuplicateAlphaProviderFactory.class.getName());

    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PROVIDER);
    assertThat(e.getMessage()).contains("'alpha'", AlphaProviderFactory.class.getName(),
        DuplicateAlphaProviderFactory.class.getName());
  }

  @Test
  void aFactoryWhoseConstructorThrowsFailsNamingItsClass() {
    SlotHunterException e = discoveryFailure(
        AlphaProviderFactory.class.getName(), ExplodingProviderFactory.class.getName());

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(ExplodingProviderFactory.class.getName());
    assertThat(e).hasCauseInstanceOf(ServiceConfigurationError.class).hasRootCauseMessage("missing dependency: okhttp");
  }

  @Test
  void aFactoryWithAnInvalidIdFailsNamingItsClass() {
    SlotHunterException e = discoveryFailure(InvalidIdProviderFactory.class.getName());

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(InvalidIdProviderFactory.class.getName(), "'Not Valid!'");
  }

  @Test
  void aFactoryWhoseIdThrowsFailsNamingItsClass() {
    SlotHunterException e = discoveryFailure(IdThrowingProviderFactory.class.getName());

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(IdThrowingProviderFactory.class.getName());
  }

  @Test
  void aListedClassThatDoesNotExistFailsNamingIt() {
    SlotHunterException e = discoveryFailure("io.github.slothunter.testproviders.MissingProviderFactory");

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains("io.github.slothunter.testproviders.MissingProviderFactory");
    assertThat(e).hasCauseInstanceOf(ServiceConfigurationError.class);
  }

  @Test
  void aListedClassThatIsNotAFactoryFailsNamingIt() {
    SlotHunterException e = discoveryFailure(FakeProvider.class.getName());

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(FakeProvider.class.getName(), "not a subtype");
  }

  @Test
  void discoverFindsAProviderRegisteredByAJarOnTheClassPath() throws IOException {
    Path jar = jarProviding(JarredProviderFactory.class);

    try (URLClassLoader jarLoader = new URLClassLoader("jar-class-path", new URL[] {jar.toUri().toURL()},
        IsolatedClassLoader.apiOnly())) {
      Providers providers = discoverWithContextClassLoader(jarLoader);

      assertThat(providers.ids()).containsExactly("jarred");
      ProviderFactory found = providers.get("jarred");
      assertThat(found.getClass().getName()).isEqualTo(JarredProviderFactory.class.getName());
      assertThat(found.getClass()).as("loaded from the jar, not the test class path")
          .isNotSameAs(JarredProviderFactory.class);
      assertThat(found.getClass().getClassLoader()).isSameAs(jarLoader);
      SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
          () -> found.create(ProviderContext.of("jarred")));
      assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }
  }

  @Test
  void aJarProviderAndAClassPathProviderAreDiscoveredTogether() throws IOException {
    Path jar = jarProviding(JarredProviderFactory.class);

    try (URLClassLoader jarLoader = new URLClassLoader("jar-on-test-class-path", new URL[] {jar.toUri().toURL()},
        ProvidersDiscoveryTest.class.getClassLoader())) {
      Providers providers = Providers.discover(jarLoader);

      assertThat(providers.ids()).containsExactlyInAnyOrder("alpha", "beta", "jarred");
    }
  }
}

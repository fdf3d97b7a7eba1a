package io.github.slothunter.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that builds and starts a fresh {@link FakePaziresh24} before each test and
 * closes it after. Register it on a field; test methods may also take the fake as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakePaziresh24Extension paziresh24 = new FakePaziresh24Extension(b -> b
 *     .clock(clock)
 *     .doctor("dr-sara-ahmadi", d -> d.center("1001", c -> c.service("2001", s -> s.title("ویزیت")))));
 *
 * @Test
 * void findsFreeDays() {
 *   String base = paziresh24.fake().baseUrl();
 * }
 * }</pre>
 *
 * <p>Needs {@code junit-jupiter-api} on the test class path (an optional dependency of the
 * testkit). One instance serves one test at a time; do not share it between tests running in parallel.
 */
public final class FakePaziresh24Extension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Consumer<FakePaziresh24Builder> configuration;
  private volatile FakePaziresh24 fake;

  /** An extension whose fakes have no doctors (add them with {@link #FakePaziresh24Extension(Consumer)}). */
  public FakePaziresh24Extension() {
    this(b -> { });
  }

  /** An extension whose fakes are configured by {@code configuration} before each test. */
  public FakePaziresh24Extension(Consumer<FakePaziresh24Builder> configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /**
   * The running fake of the current test.
   *
   * @throws IllegalStateException outside a test
   */
  public FakePaziresh24 fake() {
    FakePaziresh24 f = fake;
    if (f == null) {
      throw new IllegalStateException("the fake runs only during a test; register the extension with @RegisterExtension");
    }
    return f;
  }

  /** Shorthand for {@code fake().baseUrl()}. */
  public String baseUrl() {
    return fake().baseUrl();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FakePaziresh24Builder builder = FakePaziresh24.builder();
    configuration.accept(builder);
    fake = builder.build().start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    FakePaziresh24 f = fake;
    fake = null;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == FakePaziresh24.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return fake();
  }
}

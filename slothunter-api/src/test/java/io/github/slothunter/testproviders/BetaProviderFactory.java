package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory with id {@code beta}; registered in src/test/resources/META-INF/services, second. */
public final class BetaProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return "beta";
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

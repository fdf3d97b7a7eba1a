package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory with id {@code alpha}; registered in src/test/resources/META-INF/services, first. */
public final class AlphaProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return "alpha";
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

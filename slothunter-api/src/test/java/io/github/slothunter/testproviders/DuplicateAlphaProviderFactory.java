package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory with id {@code alpha}; claims the same id as AlphaProviderFactory; registered only by tests that want the clash. */
public final class DuplicateAlphaProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return "alpha";
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory that reports no id at all. */
public final class NullIdProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return null;
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory that fails when asked for its id. */
public final class IdThrowingProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    throw new IllegalStateException("id not configured");
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory whose constructor throws, as a factory with a missing dependency would. */
public final class ExplodingProviderFactory implements ProviderFactory {
  public ExplodingProviderFactory() {
    throw new IllegalStateException("missing dependency: okhttp");
  }

  @Override
  public String id() {
    return "exploding";
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

package io.github.slothunter.testproviders;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/** Test factory with id {@code Not Valid!}; reports an id discovery must refuse. */
public final class InvalidIdProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return "Not Valid!";
  }

  @Override
  public Provider create(ProviderContext context) {
    return new FakeProvider(context);
  }
}

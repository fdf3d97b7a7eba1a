package io.github.slothunter.testproviders;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;

/**
 * Test factory that tests copy into a jar built at test time. It must stay self-contained (no
 * nested classes, no references to other test classes): only its own class file goes into the jar.
 */
public final class JarredProviderFactory implements ProviderFactory {
  @Override
  public String id() {
    return "jarred";
  }

  @Override
  public Provider create(ProviderContext context) {
    throw new SlotHunterException(ErrorCode.UNSUPPORTED, "jarred exists only to be discovered");
  }
}

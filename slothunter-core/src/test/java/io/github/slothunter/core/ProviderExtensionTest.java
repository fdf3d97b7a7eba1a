package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.testkit.InMemoryProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What the host hands providers through the builder reaches their {@link ProviderContext}. */
class ProviderExtensionTest {

  /** Records the context each provider was made with. */
  private static ProviderFactory recording(InMemoryProvider real, Map<String, ProviderContext> seen) {
    ProviderFactory f = real.factory();
    return new ProviderFactory() {
      @Override
      public String id() {
        return f.id();
      }

      @Override
      public Provider create(ProviderContext context) {
        seen.put(f.id(), context);
        return f.create(context);
      }
    };
  }

  @Test
  void extensionsAndTypedConfigReachTheProvidersTheyAreFor() {
    Map<String, ProviderContext> seen = new ConcurrentHashMap<>();
    StringBuilder shared = new StringBuilder("shared");
    StringBuilder onlyA = new StringBuilder("only a");
    try (SlotHunter hunter = SlotHunter.builder()
        .provider(recording(InMemoryProvider.builder().id("mem-a").build(), seen))
        .provider(recording(InMemoryProvider.builder().id("mem-b").build(), seen))
        .extension(StringBuilder.class, shared)
        .providerExtension("mem-a", StringBuilder.class, onlyA)
        .extension(Integer.class, 42)
        .providerConfig("mem-b", Map.of("timeout", "PT3S", "user-agent", "host/1"))
        .manualScheduling().build()) {

      assertThat(seen.get("mem-a").extension(StringBuilder.class)).as("one provider's own wins").containsSame(onlyA);
      assertThat(seen.get("mem-b").extension(StringBuilder.class)).containsSame(shared);
      assertThat(seen.get("mem-b").extension(Integer.class)).contains(42);
      assertThat(seen.get("mem-a").extension(Long.class)).isEmpty();
      assertThat(seen.get("mem-b").config("user-agent")).contains("host/1");
      assertThat(seen.get("mem-a").config("user-agent")).isEmpty();
      assertThat(hunter.stats()).isNotNull();
    }
  }
}

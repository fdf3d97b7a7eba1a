package demo;

import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import java.time.Clock;
import java.util.function.Consumer;

/** A host's use of the SDK: one engine, one watch, a listener. */
public final class HostApp {
  private HostApp() {}

  /** An engine on Paziresh24 at {@code baseUrl}, polled by the caller ({@code runDue}). */
  public static SlotHunter start(String baseUrl, Clock clock, Consumer<SlotOpened> onSlot) {
    SlotHunter hunter = SlotHunter.builder()
        .provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", baseUrl)
        .clock(clock)
        .manualScheduling()
        .build();
    hunter.listen(e -> {
      if (e instanceof SlotOpened opened) {
        onSlot.accept(opened);
      }
    });
    return hunter;
  }

  /** Watches a doctor for an owner. */
  public static void watch(SlotHunter hunter, String owner, String doctorLink) {
    hunter.watch(WatchRequest.of(owner, doctorLink));
  }
}

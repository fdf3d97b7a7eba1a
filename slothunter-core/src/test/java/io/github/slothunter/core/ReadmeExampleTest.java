package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, as written there (the README sleeps where this test awaits). */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleRegistersAWatchAndPrintsEventsAgainstTheFake() {
    List<String> printed = new CopyOnWriteArrayList<>();
    RecordingListener seen = new RecordingListener();

    // --- README example starts
    try (FakePaziresh24 fake = Sandbox.demo(Clock.systemUTC(), 42);        // the testkit's fake Paziresh24
         SlotHunter hunter = SlotHunter.builder()                          // providers found on the class path
             .providerConfig("paziresh24", "base-url", fake.baseUrl())     // point Paziresh24 at the fake
             .build()) {
      hunter.listen(event -> {
        if (event instanceof SlotOpened opened) {
          printed.add("free: " + opened.slot().startIn(SlotHunterZones.TEHRAN) + " " + opened.bookingLink());
        }
      });
      Watch watch = hunter.watch(WatchRequest.of("user-42", "https://www.paziresh24.com/dr/" + fake.slugs().get(0) + "/")
          .timeOfDay(LocalTime.of(7, 0), LocalTime.of(21, 0)));
      hunter.listen(seen);                                                   // (test only)
      seen.await(SlotOpened.class, 1);                                       // README: Thread.sleep(60_000);

      assertThat(watch.targets()).isNotEmpty();
      assertThat(hunter.watches("user-42")).containsExactly(watch);
    }
    // --- README example ends

    assertThat(printed).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("free: ").contains("Asia/Tehran"));
  }
}

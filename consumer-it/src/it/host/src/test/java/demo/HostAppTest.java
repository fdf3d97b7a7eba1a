package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HostAppTest {
  @Test
  void aSlotOnTheFakeSiteReachesTheHostsListener() throws Exception {
    FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
    List<SlotOpened> heard = new CopyOnWriteArrayList<>();
    try (FakePaziresh24 fake = FakePaziresh24.builder().clock(clock).seed(1)
            .doctor("dr-sara-ahmadi", d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق")
                .center("1001", c -> c.name("مطب").city("تهران").address("ولیعصر").serverId("1")
                    .service("2001", s -> s.title("ویزیت").price(0).duration(Duration.ofMinutes(15))
                        .userCenterId("3001"))))
            .build().start();
        SlotHunter hunter = HostApp.start(fake.baseUrl(), clock, heard::add)) {
      fake.openSlot("dr-sara-ahmadi", "1001", "2001", Instant.parse("2026-12-06T06:00:00Z"));
      HostApp.watch(hunter, "u1", "https://www.paziresh24.com/dr/dr-sara-ahmadi/");
      hunter.runDue();
      for (int i = 0; i < 100 && heard.isEmpty(); i++) {
        Thread.sleep(20);
      }
      assertEquals(1, heard.size());
      assertEquals(Instant.parse("2026-12-06T06:00:00Z"), heard.get(0).slot().start());
    }
  }
}

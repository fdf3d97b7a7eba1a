package io.github.slothunter.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test data: one clock start, one doctor, terminals, a patient. */
final class Fixtures {
  /** Saturday 2026-01-03 09:00 Tehran. */
  static final String START = "2026-01-03T05:30:00Z";
  static final String SLUG = "dr-sara-ahmadi";
  static final String CENTER = "1001";
  static final String SERVICE = "2001";
  static final String USER_CENTER = "3001";
  static final String ONLINE_SERVICE = "2002";
  static final String ONLINE_USER_CENTER = "3002";
  /** Sunday 2026-01-04 in Tehran. */
  static final LocalDate DAY = LocalDate.of(2026, 1, 4);
  /** 2026-01-04 09:00 Tehran. */
  static final Instant NINE = Instant.parse("2026-01-04T05:30:00Z");
  static final String TERMINAL_A = "3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c";
  static final String TERMINAL_B = "clinic-1703462400123.87654321";
  static final String NATIONAL_CODE = "0012345679";
  static final String CELL = "09121234567";

  private Fixtures() {}

  static FakePaziresh24Builder builder(FakeClock clock) {
    return configure(FakePaziresh24.builder(), clock);
  }

  static FakePaziresh24Builder configure(FakePaziresh24Builder builder, FakeClock clock) {
    return builder
        .clock(clock)
        .seed(42)
        .doctor(SLUG, d -> d.displayName("دکتر سارا احمدی").expertise("قلب و عروق").id("doc-uuid-1").userId("777")
            .center(CENTER, c -> c.name("مطب دکتر احمدی").city("تهران").address("تهران، ولیعصر").serverId("1")
                .service(SERVICE, s -> s.title("ویزیت حضوری").price(1_500_000).duration(Duration.ofMinutes(15))
                    .userCenterId(USER_CENTER)))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service(ONLINE_SERVICE, s -> s.title("مشاوره تلفنی").price(900_000).duration(Duration.ofMinutes(10))
                    .userCenterId(ONLINE_USER_CENTER))))
        .doctor("dr-reza-karimi", d -> d.displayName("دکتر رضا کریمی").expertise("پوست و مو")
            .center("1002", c -> c.name("کلینیک").city("مشهد")
                .service("2003", s -> s.title("ویزیت").duration(Duration.ofMinutes(20)).userCenterId("3003")))
            .center(FakePaziresh24.ONLINE_CENTER_ID, c -> c.name("ویزیت آنلاین").city("")
                .service(ONLINE_SERVICE, s -> s.title("مشاوره").duration(Duration.ofMinutes(10))
                    .userCenterId("3099"))));
  }

  /** A started fake with 2026-01-04 09:00-10:00 open (four 15-minute slots). */
  static FakePaziresh24 started(FakeClock clock) {
    FakePaziresh24 fake = builder(clock).build().start();
    fake.openSlots(SLUG, CENTER, SERVICE, DAY, LocalTime.of(9, 0), LocalTime.of(10, 0));
    return fake;
  }

  static Map<String, String> ids() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("center_id", CENTER);
    m.put("service_id", SERVICE);
    m.put("user_center_id", USER_CENTER);
    m.put("server_id", "1");
    return m;
  }

  static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, String> slot(Instant from, Duration length) {
    return with(ids(), "from", Long.toString(from.getEpochSecond()), "to",
        Long.toString(from.plus(length).getEpochSecond()));
  }

  static Map<String, String> patient(String requestCode) {
    return P24Client.form("request_code", requestCode, "center_id", CENTER, "server_id", "1", "is_webview", "0",
        "first_name", "سارا", "last_name", "احمدی", "cell", CELL, "national_code", NATIONAL_CODE,
        "selected_user_id", "1");
  }
}

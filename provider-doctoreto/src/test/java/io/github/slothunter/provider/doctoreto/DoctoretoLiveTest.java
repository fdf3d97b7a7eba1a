package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Read-only checks against the real doctoreto.com: one profile page and one calendar request per
 * run. Runs only with {@code -Dslothunter.live=true}. When it fails, compare the message with the
 * unverified fields in {@code DoctoretoAssumptions}.
 */
@Tag("live")
class DoctoretoLiveTest {
  private static final String LINK = "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ";

  private Provider provider;

  @BeforeEach
  void onlyWhenAskedFor() {
    assumeTrue("true".equals(System.getProperty("slothunter.live")), "live tests need -Dslothunter.live=true");
    provider = new DoctoretoProviderFactory().create(ProviderContext.of("doctoreto"));
  }

  @AfterEach
  void closeProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void readsARealProfileAndItsFirstCalendar() {
    DoctorRef ref = provider.parse(LINK).orElseThrow();

    Doctor doctor = provider.lookup(ref);
    List<Target> targets = doctor.bookableTargets();

    assertThat(doctor.displayName()).isNotBlank();
    assertThat(targets).isNotEmpty();
    List<LocalDate> days = provider.slots().freeDays(targets.get(0));
    assertThat(days).isSorted();
    if (!days.isEmpty()) {
      List<Slot> slots = provider.slots().freeSlots(targets.get(0), days.get(0));
      assertThat(slots).isNotEmpty();
      assertThat(provider.bookingLink(slots.get(0))).isPresent();
    }
  }

  /**
   * Spec §4: no public source reads a slot's time fields, so print the keys of the first
   * {@code times[]} item (and of its day) for a user to paste; {@code slot-start-field} and friends
   * can then be set to the real names.
   */
  @Test
  void printsTheKeysOfTheFirstTimeSoTheUnverifiedFieldNamesCanBeFilledIn() throws Exception {
    Target target = provider.lookup(provider.parse(LINK).orElseThrow()).bookableTargets().get(0);
    HttpUrl url = HttpUrl.get(DoctoretoProviderFactory.DEFAULT_API_URL).newBuilder()
        .addPathSegments("api/web/patient/v1/consultation-times/days")
        .addQueryParameter("consultation_id", target.requireKey("consultation_id"))
        .addQueryParameter("start_date", LocalDate.now(ZoneId.of("Asia/Tehran")).toString())
        .addQueryParameter("day_navigate", "1")
        .build();
    OkHttpClient http = new OkHttpClient();
    try (Response response = http.newCall(new Request.Builder().url(url)
        .header("Accept", "application/json").build()).execute()) {
      JsonNode days =
          new ObjectMapper().readTree(response.body().string()).path("items").path("days");

      assertThat(days.isArray()).as("items.days is an array").isTrue();
      for (JsonNode day : days) {
        if (day.path("times").size() > 0) {
          System.out.println("doctoreto day keys: " + fieldNames(day) + "; first time's keys: "
              + fieldNames(day.path("times").get(0)));
          return;
        }
      }
      System.out.println("doctoreto: no day with times in this window; day keys: "
          + (days.size() > 0 ? fieldNames(days.get(0)) : List.of()));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}

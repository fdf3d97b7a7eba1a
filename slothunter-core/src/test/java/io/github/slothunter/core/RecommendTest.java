package io.github.slothunter.core;

import io.github.slothunter.spi.Store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.FakePaziresh24Builder;
import io.github.slothunter.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SlotAnalytics#recommend} over the real Paziresh24 provider and FakePaziresh24 (which can search). */
class RecommendTest {
  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private FakePaziresh24 fake;
  private SlotHunter hunter;
  private SlotAnalytics analytics;

  private void start(RequestBudget budget) {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(5);
    doctor(b, "dr-a", "قلب و عروق", "تهران");
    doctor(b, "dr-b", "قلب و عروق", "تهران");
    doctor(b, "dr-c", "قلب و عروق", "تهران");
    doctor(b, "dr-d", "قلب و عروق", "مشهد");
    doctor(b, "dr-e", "پوست و مو", "تهران");
    doctor(b, "dr-f", "قلب و عروق", "تهران");
    fake = b.build().start();
    fake.openSlot("dr-b", "1001", "2001", day(1));
    fake.openSlot("dr-c", "1001", "2001", day(10));
    fake.openSlot("dr-d", "1001", "2001", day(1));
    fake.openSlot("dr-e", "1001", "2001", day(1));
    Store store = Store.inMemory();
    hunter = SlotHunter.builder().provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fake.baseUrl()).budget("paziresh24", budget)
        .store(store).plans(Plans.of(EngineFixture.FAST, List.of(EngineFixture.FAST))).clock(clock)
        .manualScheduling().build();
    analytics = new SlotAnalytics(hunter, store, ReleaseForecaster.defaults(), clock);
  }

  private void startElsewhere() {
    FakePaziresh24Builder b = FakePaziresh24.builder().clock(clock).seed(5);
    doctor(b, "dr-bam-1", "قلب و عروق", "بم");
    doctor(b, "dr-bam-2", "قلب و عروق", "بم");
    doctor(b, "dr-tehran", "قلب و عروق", "تهران");
    // first center in Bam offers nothing bookable; the bookable one is in Kerman
    b.doctor("dr-two-cities", d -> d.displayName("دکتر دو شهر").expertise("قلب و عروق")
        .center("1001", c -> c.name("مطب").city("بم").serverId("1")
            .service("2001", s -> s.title("ویزیت").bookable(false)))
        .center("1002", c -> c.name("مطب").city("کرمان").serverId("1")
            .service("2002", s -> s.title("ویزیت").duration(Duration.ofMinutes(15)))));
    b.doctor("dr-nothing", d -> d.displayName("دکتر بی‌نشان")
        .center("1001", c -> c.name("مطب").city("").serverId("1")
            .service("2001", s -> s.title("ویزیت").duration(Duration.ofMinutes(15)))));
    fake = b.build().start();
    fake.openSlot("dr-bam-2", "1001", "2001", day(1));
    fake.openSlot("dr-tehran", "1001", "2001", day(1));
    fake.openSlot("dr-two-cities", "1002", "2002", day(1));
    Store store = Store.inMemory();
    hunter = SlotHunter.builder().provider(new Paziresh24ProviderFactory())
        .providerConfig("paziresh24", "base-url", fake.baseUrl()).budget("paziresh24", RequestBudget.of(1000, 100_000, 4))
        .store(store).plans(Plans.of(EngineFixture.FAST, List.of(EngineFixture.FAST))).clock(clock)
        .manualScheduling().build();
    analytics = new SlotAnalytics(hunter, store, ReleaseForecaster.defaults(), clock);
  }

  private static void doctor(FakePaziresh24Builder b, String slug, String expertise, String city) {
    b.doctor(slug, d -> d.displayName("دکتر " + slug).expertise(expertise)
        .center("1001", c -> c.name("مطب").city(city).serverId("1")
            .service("2001", s -> s.title("ویزیت").price(1_000_000).duration(Duration.ofMinutes(15)))));
  }

  private static Instant day(int daysAhead) {
    return Instant.parse("2026-12-05T06:00:00Z").plus(Duration.ofDays(daysAhead));
  }

  private Target targetOf(String slug) {
    return hunter.lookup(new DoctorRef("paziresh24", slug)).bookableTargets().get(0);
  }

  @AfterEach
  void stop() {
    if (hunter != null) {
      hunter.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void recommendsDoctorsOfTheSameExpertiseAndCityWithAnEarlierSlot() {
    start(RequestBudget.of(1000, 100_000, 4));
    fake.openSlot("dr-a", "1001", "2001", day(5));
    Target a = targetOf("dr-a");

    List<Recommendation> r = analytics.recommend(a, 5);

    assertThat(r).hasSize(1);
    assertThat(r.get(0).doctor().ref().key()).isEqualTo("dr-b");
    assertThat(r.get(0).target().ref().key()).isEqualTo("dr-b");
    assertThat(r.get(0).earliest().start()).isEqualTo(day(1));
  }

  @Test
  void anyFreeSlotBeatsATargetWithNone() {
    start(RequestBudget.of(1000, 100_000, 4));
    Target a = targetOf("dr-a");

    List<Recommendation> r = analytics.recommend(a, 5);

    assertThat(r).extracting(x -> x.doctor().ref().key()).containsExactly("dr-b", "dr-c");
  }

  @Test
  void usesTheWatchedTargetsLastPollAndStaysWithinItsRequestCap() {
    start(RequestBudget.of(1000, 100_000, 4));
    fake.openSlot("dr-a", "1001", "2001", day(5));
    Target a = targetOf("dr-a");
    hunter.watch(WatchRequest.of("owner", a));
    hunter.runDue();
    int before = fake.requestCount();

    List<Recommendation> r = analytics.recommend(a, 1);

    assertThat(r).extracting(x -> x.doctor().ref().key()).containsExactly("dr-b");
    // search + the one candidate's profile and first free day; the own target's lookup is cached
    assertThat(fake.requestCount() - before).isLessThanOrEqualTo(4 + 3);
    // the watch's first poll: its one-request calendar and one look past that window; then the candidate's
    assertThat(fake.requestCount(FakePaziresh24.GET_FREE_DAYS)).isEqualTo(3);
  }

  @Test
  void skipsACandidateThatAnswersNonsense() {
    start(RequestBudget.of(1000, 100_000, 4));
    Target a = targetOf("dr-a");
    hunter.watch(WatchRequest.of("owner", a));
    hunter.runDue();
    fake.faults().next(FakePaziresh24.GET_FREE_DAYS, Fault.malformedJson());

    List<Recommendation> r = analytics.recommend(a, 5);

    assertThat(r).extracting(x -> x.doctor().ref().key()).containsExactly("dr-c");
  }

  @Test
  void aCityWithoutASearchSlugIsSearchedCountryWideAndFilteredByName() {
    startElsewhere();
    Target bam = targetOf("dr-bam-1");

    List<Recommendation> r = analytics.recommend(bam, 10);

    assertThat(r).extracting(x -> x.doctor().ref().key()).containsExactly("dr-bam-2");
    assertThat(fake.requests(FakePaziresh24.SEARCH).get(0).path()).contains("/search/ir");
  }

  @Test
  void aDoctorWithNeitherExpertiseNorCityGetsNoRecommendationsWithoutSearching() {
    startElsewhere();
    Target nothing = targetOf("dr-nothing");

    assertThat(analytics.recommend(nothing, 3)).isEmpty();
    assertThat(fake.requestCount(FakePaziresh24.SEARCH)).isZero();
  }

  @Test
  void aFailingSearchIsReported() {
    start(RequestBudget.of(1000, 100_000, 4));
    Target a = targetOf("dr-a");
    fake.faults().next(FakePaziresh24.SEARCH, Fault.status(500));

    assertThatThrownBy(() -> analytics.recommend(a, 5)).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void aSpentBudgetEndsTheQueryWithBudgetSpent() {
    start(RequestBudget.of(4, 100, 1));
    Target a = targetOf("dr-a"); // request 1; then the search, dr-a's free days and dr-b's profile use up the minute

    assertThatThrownBy(() -> analytics.recommend(a, 5)).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_SPENT));
  }
}

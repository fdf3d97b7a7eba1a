package io.github.slothunter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.spi.Store;
import io.github.slothunter.testkit.FakeClock;
import io.github.slothunter.testkit.InMemoryProvider;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An owner's patient book: saved, listed and removed through the store; imported from a provider account. */
class PatientBookTest {
  private static final Patient SARA = Patient.of("Sara", "Ahmadi", "0012345679", "09121234567");
  private static final Patient ALI = Patient.of("Ali", "Ahmadi", "0499370899", "09351234567");

  private final FakeClock clock = FakeClock.at("2026-12-05T05:30:00Z");
  private final InMemoryProvider provider = InMemoryProvider.builder().clock(clock).login("1234").build()
      .accountPatients(SARA.withAccountUserId("u-1"), ALI.withAccountUserId("u-2"));
  private final Store store = Store.inMemory();
  private final RecordingListener events = new RecordingListener();
  private SlotHunter hunter = start();

  private SlotHunter start() {
    SlotHunter h = SlotHunter.builder().provider(provider.factory()).store(store).clock(clock)
        .plans(Plans.of(Plans.FREE, List.of(Plans.FREE, EngineFixture.FAST))).closeTimeout(Duration.ofSeconds(2))
        .manualScheduling().build();
    h.listen(events);
    return h;
  }

  @AfterEach
  void stop() {
    hunter.close();
    assertThat(provider.holds()).isEmpty();
  }

  private AccountSession session() {
    return new AccountSession(InMemoryProvider.DEFAULT_ID, "token-1", Map.of(), clock.instant().plus(Duration.ofDays(1)));
  }

  private static void assertFails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  // ------------------------------------------------------------------ by hand

  @Test
  void savedPatientsAreInTheStoreWhenTheCallReturnsAndListInTheOrderFirstSaved() {
    OwnerPatient me = hunter.savePatient("u1", "me", SARA);
    hunter.savePatient("u1", " son ", ALI);
    hunter.savePatient("u1", "me", SARA.withAccountUserId("u-9"));

    assertThat(me).isEqualTo(new OwnerPatient("me", SARA));
    assertThat(store.ownerPatients("u1")).extracting(OwnerPatient::label).containsExactly("me", "son");
    assertThat(hunter.patients("u1")).extracting(p -> p.patient().accountUserId()).containsExactly("u-9", null);
    assertThat(hunter.patient("u1", "son ")).map(OwnerPatient::patient).contains(ALI);
    assertThat(hunter.patient("u1", "mom")).isEmpty();
  }

  @Test
  void eachOwnerHasTheirOwnBook() {
    hunter.savePatient("u1", "me", SARA);
    hunter.savePatient("u2", "me", ALI);

    assertThat(hunter.patient("u1", "me")).map(OwnerPatient::patient).contains(SARA);
    assertThat(hunter.patient("u2", "me")).map(OwnerPatient::patient).contains(ALI);
    assertThat(hunter.patients("u3")).isEmpty();
  }

  @Test
  void removingAPatientTakesItOutOfTheStore() {
    hunter.savePatient("u1", "me", SARA);
    hunter.savePatient("u1", "son", ALI);

    boolean removed = hunter.removePatient("u1", "son");

    assertThat(removed).isTrue();
    assertThat(hunter.removePatient("u1", "son")).isFalse();
    assertThat(store.ownerPatients("u1")).extracting(OwnerPatient::label).containsExactly("me");
  }

  @Test
  void rejectsBadOwnersAndLabelsBeforeTheStore() {
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.savePatient(" ", "me", SARA));
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.savePatient("u".repeat(201), "me", SARA));
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.savePatient("u1", "\n", SARA));
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.patient("u1", ""));
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.removePatient("", "me"));
    assertThat(store.ownerPatients("u1")).isEmpty();
  }

  @Test
  void theBookOutlivesARestartOnTheSameStore() {
    hunter.savePatient("u1", "son", ALI);

    hunter.close();
    hunter = start();

    assertThat(hunter.patient("u1", "son")).map(OwnerPatient::patient).contains(ALI);
  }

  @Test
  void aStoreWithoutAPatientBookRefusesToSave() {
    hunter.close();
    hunter = SlotHunter.builder().provider(provider.factory()).store(new ForwardingStore(Store.inMemory()))
        .clock(clock).manualScheduling().build();

    assertFails(ErrorCode.UNSUPPORTED, () -> hunter.savePatient("u1", "me", SARA));
    assertThat(hunter.patients("u1")).isEmpty();
  }

  @Test
  void aClosedEngineRefusesThePatientBook() {
    hunter.close();

    assertThatThrownBy(() -> hunter.patients("u1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hunter.savePatient("u1", "me", SARA)).isInstanceOf(IllegalStateException.class);
  }

  // ------------------------------------------------------------------ import

  @Test
  void importsTheAccountsPeopleLabelledByNameWithTheirAccountUsersAndProvider() {
    List<OwnerPatient> imported = hunter.importAccountPatients("u1", "mem", session());

    assertThat(imported).containsExactly(
        new OwnerPatient("Sara Ahmadi", SARA.withAccountUserId("u-1"), "mem"),
        new OwnerPatient("Ali Ahmadi", ALI.withAccountUserId("u-2"), "mem"));
    assertThat(store.ownerPatients("u1")).isEqualTo(imported);
    assertThat(provider.count(Operation.ACCOUNT_PATIENTS)).isEqualTo(1);
  }

  @Test
  void importingAgainKeepsTheLabelsTheOwnerChoseAndTakesTheAccountsNewDetails() {
    hunter.importAccountPatients("u1", "mem", session());
    OwnerPatient ali = hunter.patient("u1", "Ali Ahmadi").orElseThrow();
    hunter.removePatient("u1", "Ali Ahmadi");
    hunter.savePatient("u1", new OwnerPatient("son", ali.patient(), ali.providerId()));
    Patient aliMoved = Patient.of("Ali", "Ahmadi", "0499370899", "09129998877").withAccountUserId("u-2");
    provider.accountPatients(SARA.withAccountUserId("u-1"), aliMoved);

    hunter.importAccountPatients("u1", "mem", session());

    assertThat(hunter.patients("u1")).extracting(OwnerPatient::label).containsExactly("Sara Ahmadi", "son");
    assertThat(hunter.patient("u1", "son")).map(p -> p.patient().mobile()).contains("09129998877");
  }

  @Test
  void aNewPersonWhoseNameIsTakenGetsANumberedLabelAndTheHandEnteredOneStays() {
    hunter.savePatient("u1", "Ali Ahmadi", ALI);

    hunter.importAccountPatients("u1", "mem", session());

    assertThat(hunter.patients("u1")).extracting(OwnerPatient::label)
        .containsExactly("Ali Ahmadi", "Sara Ahmadi", "Ali Ahmadi (2)");
    assertThat(hunter.patient("u1", "Ali Ahmadi")).map(p -> p.patient().accountUserId()).isEmpty();
    assertThat(hunter.patient("u1", "Ali Ahmadi (2)")).map(p -> p.patient().accountUserId()).contains("u-2");
  }

  @Test
  void aProviderThatCannotListAnAccountsPeopleIsUnsupportedWithoutARequest() {
    provider.accountPatients();

    assertFails(ErrorCode.UNSUPPORTED, () -> hunter.importAccountPatients("u1", "mem", session()));
    assertThat(provider.count(Operation.ACCOUNT_PATIENTS)).isZero();
    assertThat(hunter.patients("u1")).isEmpty();
  }

  @Test
  void aSessionOfAnotherProviderOrAnUnknownProviderIsInvalid() {
    AccountSession foreign = new AccountSession("paziresh24", "t", Map.of(), Instant.MAX);

    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.importAccountPatients("u1", "mem", foreign));
    assertFails(ErrorCode.INVALID_INPUT, () -> hunter.importAccountPatients("u1", "paziresh24", foreign));
    assertThat(provider.count(Operation.ACCOUNT_PATIENTS)).isZero();
  }

  @Test
  void aFailedImportLeavesTheBookAsItWas() {
    hunter.savePatient("u1", "me", SARA);
    provider.failNext(Operation.ACCOUNT_PATIENTS, ErrorCode.AUTH_REQUIRED);

    assertFails(ErrorCode.AUTH_REQUIRED, () -> hunter.importAccountPatients("u1", "mem", session()));
    assertThat(hunter.patients("u1")).extracting(OwnerPatient::label).containsExactly("me");
  }

  // ------------------------------------------------------------------ booking for a chosen person

  @Test
  void aWatchBooksForThePersonChosenFromTheBook() {
    hunter.setPlan("u1", "FAST");
    hunter.importAccountPatients("u1", "mem", session());
    Target t = provider.target("dr-a");
    provider.open(t, Instant.parse("2026-12-06T06:00:00Z"));
    OwnerPatient ali = hunter.patient("u1", "Ali Ahmadi").orElseThrow();

    Watch w = hunter.watch(WatchRequest.of("u1", t).autoBook(ali.autoBook(session())));
    hunter.runDue();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(ok.watchId()).isEqualTo(w.id());
    assertThat(provider.patientOf(ok.booking().providerBookingKey())).contains(ALI.withAccountUserId("u-2"));
  }

  @Test
  void aWatchKeepsBookingForItsPersonAfterTheBookEntryIsRemoved() {
    hunter.setPlan("u1", "FAST");
    hunter.importAccountPatients("u1", "mem", session());
    Target t = provider.target("dr-a");
    OwnerPatient ali = hunter.patient("u1", "Ali Ahmadi").orElseThrow();
    hunter.watch(WatchRequest.of("u1", t).autoBook(ali.autoBook(session())));

    hunter.removePatient("u1", "Ali Ahmadi");
    provider.open(t, Instant.parse("2026-12-06T06:00:00Z"));
    hunter.runDue();

    BookingSucceeded ok = events.await(BookingSucceeded.class, 1).get(0);
    assertThat(provider.patientOf(ok.booking().providerBookingKey()))
        .hasValueSatisfying(p -> assertThat(p.accountUserId()).isEqualTo("u-2"));
  }
}

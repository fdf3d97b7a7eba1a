package io.github.slothunter.store.jdbc;

import static io.github.slothunter.store.jdbc.Fixtures.T0;
import static io.github.slothunter.store.jdbc.Fixtures.attempt;
import static io.github.slothunter.store.jdbc.Fixtures.autoBookWatch;
import static io.github.slothunter.store.jdbc.Fixtures.slot;
import static io.github.slothunter.store.jdbc.Fixtures.target;
import static io.github.slothunter.store.jdbc.Fixtures.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.store.jdbc.internal.Codec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecTest {
  private final Codec codec = new Codec();
  private final Target a = target("dr-a");

  @Test
  void notifyOnlyWatchRoundTripsWithEveryFilterField() {
    Watch w = watch("w-1", "user-۴۲", a, target("dr-b"));

    assertThat(codec.readWatch(codec.writeWatch(w), null)).isEqualTo(w);
  }

  @Test
  void watchWithTheDefaultFilterAndNoPricesRoundTrips() {
    Watch w = new Watch("w-1", "u1", a.ref(), List.of(a), Map.of(), SlotFilter.ANY, "FREE", null, T0, WatchState.BOOKED);

    assertThat(codec.readWatch(codec.writeWatch(w), null)).isEqualTo(w);
  }

  @ParameterizedTest
  @EnumSource(WatchState.class)
  void everyWatchStateRoundTrips(WatchState state) {
    Watch w = watch("w-1", "u1", a).withState(state);

    assertThat(codec.readWatch(codec.writeWatch(w), null).state()).isEqualTo(state);
  }

  @Test
  void autoBookWatchKeepsItsPatientAndSessionOutOfTheWatchDocument() {
    Watch w = autoBookWatch("w-1", "u1", a);

    String json = codec.writeWatch(w);

    assertThat(json).doesNotContain(Fixtures.NATIONAL_CODE, Fixtures.MOBILE, Fixtures.TOKEN, "سارا");
    assertThat(codec.readWatch(json, codec.readSecret(codec.writeSecret(w.autoBook())))).isEqualTo(w);
  }

  @Test
  void aPayToConfirmAttemptKeepsItsPaymentStateAndLink() {
    BookingAttempt paid = new BookingAttempt("w-1|s", "w-1", slot(a, 0), BookingAttempt.State.BOOKED, "h1", T0, "b1",
        "48214102", null, T0, PaymentState.PAY_TO_CONFIRM, URI.create("https://www.paziresh24.com/factor/5532/b1"));

    BookingAttempt read = codec.readAttempt(codec.writeAttempt(paid));

    assertThat(read).isEqualTo(paid);
    assertThat(read.paymentRequired()).isTrue();
  }

  @Test
  void aBookedAttemptWrittenBeforePaymentsWereTrackedReadsAsNoPaymentNeeded() {
    String old = codec.writeAttempt(new BookingAttempt("w-1|s", "w-1", slot(a, 0), BookingAttempt.State.BOOKED, "h1",
        T0, "b1", "T1", null, T0)).replace(",\"payment\":\"NOT_REQUIRED\"", "");

    BookingAttempt read = codec.readAttempt(old);

    assertThat(old).doesNotContain("payment");
    assertThat(read.payment()).isEqualTo(PaymentState.NOT_REQUIRED);
    assertThat(read.paymentLink()).isNull();
  }

  @Test
  void anAutoBookWithoutOnlinePaymentReplacingAnUnpaidBookingRoundTrips() {
    Booking unpaid = new Booking(slot(a, 60), "b1", "T1", T0, PaymentState.PAY_TO_CONFIRM,
        URI.create("https://www.paziresh24.com/factor/5532/b1"));
    AutoBook ab = new AutoBook(Fixtures.patient(), Fixtures.session(), 1).replacing(unpaid).withoutOnlinePayment();
    Watch w = new Watch("w-1", "u1", a.ref(), List.of(a), Map.of(), SlotFilter.ANY, "FREE", ab, T0, WatchState.ACTIVE);

    Watch read = codec.readWatch(codec.writeWatch(w), codec.readSecret(codec.writeSecret(ab)));

    assertThat(read).isEqualTo(w);
    assertThat(read.autoBook().onlinePaymentAllowed()).isFalse();
    assertThat(read.autoBook().replaces().paymentRequired()).isTrue();
  }

  @Test
  void secretRoundTripsPersianNamesGenderAndSessionAttributes() {
    AutoBook ab = new AutoBook(Fixtures.patient(), Fixtures.session(), 1);

    Codec.Secret secret = codec.readSecret(codec.writeSecret(ab));

    assertThat(secret.patient()).isEqualTo(ab.patient());
    assertThat(secret.session()).isEqualTo(ab.session());
  }

  @Test
  void aSecretKeepsTheAccountUserThePatientIsBookedAs() {
    AutoBook ab = new AutoBook(Fixtures.patient().withAccountUserId("6120458"), Fixtures.session(), 1);

    Codec.Secret secret = codec.readSecret(codec.writeSecret(ab));

    assertThat(secret.patient().accountUserId()).isEqualTo("6120458");
    assertThat(secret.patient()).isEqualTo(ab.patient());
  }

  @Test
  void aSecretWrittenBeforeAccountUsersBooksForTheAccountHolder() {
    String old = "{\"v\":1,\"patient\":{\"firstName\":\"Sara\",\"lastName\":\"Ahmadi\",\"nationalCode\":\""
        + Fixtures.NATIONAL_CODE + "\",\"mobile\":\"" + Fixtures.MOBILE + "\",\"gender\":\"FEMALE\"},"
        + "\"session\":{\"providerId\":\"fake\",\"token\":\"t\",\"expiresAt\":\"2027-01-01T00:00:00Z\","
        + "\"attributes\":{}}}";

    Codec.Secret secret = codec.readSecret(old.getBytes(StandardCharsets.UTF_8));

    assertThat(secret.patient().accountUserId()).isNull();
    assertThat(secret.patient().firstName()).isEqualTo("Sara");
  }

  @Test
  void aPatientBookEntryRoundTripsWithLabelProviderAndAccountUser() {
    io.github.slothunter.api.OwnerPatient imported = new io.github.slothunter.api.OwnerPatient("علی (2)",
        Fixtures.patient().withAccountUserId("6120458"), "paziresh24");
    io.github.slothunter.api.OwnerPatient byHand = new io.github.slothunter.api.OwnerPatient("me", Fixtures.patient());

    assertThat(codec.readOwnerPatient(codec.writeOwnerPatient(imported))).isEqualTo(imported);
    assertThat(codec.readOwnerPatient(codec.writeOwnerPatient(byHand))).isEqualTo(byHand);
  }

  @Test
  void anUnreadablePatientBookEntryNeverQuotesItsContent() {
    byte[] broken = ("{\"v\":1,\"label\":\"مامان\",\"patient\":{\"nationalCode\":\"" + Fixtures.NATIONAL_CODE + "\"}}")
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.readOwnerPatient(broken))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL))
        .hasMessageNotContaining(Fixtures.NATIONAL_CODE).hasMessageNotContaining("مامان");
  }

  @Test
  void sessionWithoutAKnownExpiryRoundTrips() {
    AccountSession forever = new AccountSession("fake", "t", Map.of(), null);
    AutoBook ab = new AutoBook(Patient.of("Ali", "Rezaei", Fixtures.NATIONAL_CODE, "+98 912 123 4567"), forever, 1);

    Codec.Secret secret = codec.readSecret(codec.writeSecret(ab));

    assertThat(secret.session().expiresAt()).isEqualTo(Instant.MAX);
    assertThat(secret.patient()).isEqualTo(ab.patient());
  }

  @Test
  void autoBookWatchWithoutItsSecretIsRefusedClearly() {
    String json = codec.writeWatch(autoBookWatch("w-1", "u1", a));

    assertThatThrownBy(() -> codec.readWatch(json, null))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("w-1").hasMessageContaining("missing");
  }

  @Test
  void slotRoundTripsWithItsTargetsProviderKeys() {
    Slot s = slot(a, 45);

    assertThat(codec.readSlot(codec.writeSlot(s))).isEqualTo(s);
  }

  @Test
  void slotListsKeepOrderAndDistinctTargets() {
    Target refreshed = new Target(a.ref(), a.centerId(), a.serviceId(), Map.of("server_id", "2"));
    List<Slot> slots = List.of(slot(a, 30), slot(refreshed, 0), slot(a, 0), slot(target("dr-b"), 5));

    String json = codec.writeSlots(slots);

    assertThat(codec.readSlots(json)).containsExactlyElementsOf(slots);
    assertThat(codec.readSlots(codec.writeSlots(List.of()))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(BookingAttempt.State.class)
  void bookingAttemptsRoundTripInEveryState(BookingAttempt.State state) {
    BookingAttempt attempt = attempt("w-1", slot(a, 0), state, T0);

    assertThat(codec.readAttempt(codec.writeAttempt(attempt))).isEqualTo(attempt);
  }

  @Test
  void aHoldIntentKeepsItsHolder() {
    BookingAttempt intent = new BookingAttempt("w-1|x", "w-1", slot(a, 0), BookingAttempt.State.STARTED, null, null,
        null, null, null, T0, null, null, "clinic-686dde06144236.30522977");

    assertThat(codec.readAttempt(codec.writeAttempt(intent)).holder()).isEqualTo("clinic-686dde06144236.30522977");
  }

  @Test
  void unreadableDocumentsAreProtocolErrorsNamingWhatWasUnreadable() {
    assertThatThrownBy(() -> codec.readSlot("{\"v\":1}"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL))
        .hasMessageContaining("slot");
    assertThatThrownBy(() -> codec.readWatch("not json", null)).hasMessageContaining("watch");
    assertThatThrownBy(() -> codec.readWatch("[1]", null)).hasMessageContaining("watch");
    assertThatThrownBy(() -> codec.readSlots("{\"targets\":[],\"slots\":[{\"t\":0}]}")).hasMessageContaining("slot list");
    assertThatThrownBy(() -> codec.readAttempt("{\"key\":5}")).hasMessageContaining("booking attempt");
    assertThatThrownBy(() -> codec.readWatch(codec.writeWatch(watch("w-1", "u1", a)).replace("ACTIVE", "SLEEPING"), null))
        .hasMessageContaining("watch");
  }

  @Test
  void documentsFromANewerFormatAreRefusedRatherThanHalfRead() {
    String json = codec.writeSlot(slot(a, 0)).replace("\"v\":1", "\"v\":2");

    assertThatThrownBy(() -> codec.readSlot(json))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL))
        .hasMessageContaining("newer version");
  }

  @Test
  void unreadableSecretsNeverQuoteTheirContent() {
    byte[] broken = ("{\"patient\":{\"nationalCode\":\"" + Fixtures.NATIONAL_CODE + "\"}}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.readSecret(broken))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
          assertThat(e.getCause()).isNull();
        })
        .message().doesNotContain(Fixtures.NATIONAL_CODE);
  }

  @Test
  void invalidStoredValuesAreRejectedByTheRecordsOnRead() {
    String json = codec.writeSlot(slot(a, 0)).replace("\"fake\"", "\"Not A Provider\"");

    assertThatThrownBy(() -> codec.readSlot(json))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
    assertThat(new DoctorRef("fake", "dr-a")).isEqualTo(a.ref());
  }

  @Test
  void labelsOfWatchesAndEventsRoundTripAndOldDocumentsReadAsUnknown() {
    SlotLabel label = new SlotLabel("دکتر نمونه", "مطب", "ویزیت", 450_000L, 3.25);
    Watch w = watch("w-1", "u1", a);
    Watch labelled = new Watch(w.id(), w.owner(), w.doctor(), w.targets(), w.prices(), w.filter(), w.planName(),
        w.autoBook(), w.createdAt(), w.state(), w.snoozed(), java.util.Map.of(a.id(), label));
    assertThat(codec.readWatch(codec.writeWatch(labelled), null)).isEqualTo(labelled);
    assertThat(codec.writeWatch(w)).doesNotContain("labels");

    Slot s = slot(a, 60);
    java.util.List<io.github.slothunter.api.SlotEvent> events = java.util.List.of(
        new SlotOpened("w-1", "u1", s, null, T0, label),
        new HoldPlaced("w-1", "u1", new io.github.slothunter.api.Hold(s, "h1", T0.plusSeconds(300)), T0, label),
        new BookingSucceeded("w-1", "u1", new io.github.slothunter.api.Booking(s, "b1", "TRK", T0), true, T0, label),
        new BookingFailed("w-1", "u1", s, ErrorCode.SLOT_TAKEN, "taken", true, T0, new SlotLabel("Dr", "", "", null, null)),
        new io.github.slothunter.api.BookingOutcomeUnknown("w-1", "u1", s, "k1", T0, label),
        new io.github.slothunter.api.HoldOutcomeUnknown("w-1", "u1", s, "k1", T0.plusSeconds(300), T0, label));
    for (io.github.slothunter.api.SlotEvent e : events) {
      assertThat(codec.readEvent(codec.writeEvent(e))).isEqualTo(e);
    }
    String unlabelled = codec.writeEvent(new SlotOpened("w-1", "u1", s, null, T0));
    assertThat(unlabelled).doesNotContain("label");
    assertThat(((SlotOpened) codec.readEvent(unlabelled)).label()).isEqualTo(SlotLabel.UNKNOWN);
  }
}

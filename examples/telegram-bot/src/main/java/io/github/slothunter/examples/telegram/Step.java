package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Service;
import java.util.List;

/**
 * Where a chat is in a multi-message flow. Every step but the two menus of {@code /add} (which hold
 * the looked-up doctor) is kept across restarts by {@link ChatStateCodec}; those two come back as
 * {@link #IDLE} and their buttons then answer "menu no longer valid". Immutable.
 */
sealed interface Step {
  /** No flow in progress. */
  Step IDLE = new Idle();

  /** No flow in progress. */
  record Idle() implements Step {}

  /** {@code /add} without a link: the next message is the link. */
  record AwaitingLink() implements Step {}

  /** {@code /add}: the doctor has several centers with bookable services, one button each. */
  record ChoosingCenter(int flow, String link, Doctor doctor, List<Center> centers) implements Step {}

  /** {@code /add}: the center has several bookable services, one button each. */
  record ChoosingService(int flow, String link, Doctor doctor, Center center, List<Service> services)
      implements Step {}

  /** {@code /find}: the next message (or a button) is the specialty. */
  record FindSpecialty(int flow, AreaPick pick) implements Step {}

  /** {@code /find}: the next message is the city, or a shared location. */
  record FindPlace(int flow, AreaPick pick) implements Step {}

  /** {@code /find}: a location was shared; the distance buttons are showing. */
  record FindDistance(int flow, AreaPick pick) implements Step {}

  /** {@code /find}: the area's doctors are showing, with "watch this area" and "narrow". */
  record FindShown(int flow, AreaPick pick) implements Step {}

  /** {@code /filter}: the next message is the days and hours of this watch. */
  record AwaitingFilter(String watchId) implements Step {}

  /** The detail of a typed-in patient asked for next. */
  enum PatientField { FIRST_NAME, LAST_NAME, NATIONAL_CODE, MOBILE }

  /** What a login or a typed-in patient is for. */
  enum Purpose {
    /** Auto-booking for the chosen person. */
    AUTO_BOOK,
    /** Only saving the person into the patient book. */
    SAVE,
    /** Importing the logged-in account's people into the patient book. */
    IMPORT
  }

  /** Collecting a patient, one detail per message; {@code toString()} masks what was collected. */
  record AwaitingPatient(PatientField field, String firstName, String lastName, String nationalCode,
      Purpose purpose) implements Step {
    /** The first question of a new patient. */
    static AwaitingPatient start(Purpose purpose) {
      return new AwaitingPatient(PatientField.FIRST_NAME, "", "", "", purpose);
    }

    @Override
    public String toString() {
      return "AwaitingPatient[" + field + ", " + purpose + "]";
    }
  }

  /** Waiting for the SMS code; {@code chosen} is {@code null} for an import. */
  record AwaitingCode(Purpose purpose, OwnerPatient chosen, OtpChallenge challenge, int attempts) implements Step {}

  /** Waiting for the mobile of the provider account to log in to; {@code chosen} is {@code null} for an import. */
  record AwaitingAccountMobile(Purpose purpose, OwnerPatient chosen) implements Step {}

  /** {@code /autobook}: whom to book for, one button per person of the book as it was shown. */
  record ChoosingPatient(int flow, List<OwnerPatient> book) implements Step {}

  /** {@code /patients}: the book as it was shown, with remove, add and import buttons. */
  record ManagingPatients(int flow, List<OwnerPatient> book) implements Step {}
}

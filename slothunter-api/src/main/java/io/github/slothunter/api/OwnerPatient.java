package io.github.slothunter.api;

import java.util.Objects;

/**
 * One person in an owner's patient book: someone the owner books for (themselves, a child, a
 * parent), under a label the owner chose or, for people imported from a provider account, the
 * person's name.
 *
 * <p>Labels are personal data (they are often names): {@link #toString()} masks the label as it
 * masks the patient, and stores keep the label as they keep the patient (the JDBC store encrypts both).
 * A label is compared exactly, after invisible marks and surrounding blanks are trimmed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the owner's name for this person, 1-{@value #MAX_LABEL} characters, no control characters
 * @param patient the person's details; {@link Patient#accountUserId()} names the provider account's user
 *     when the person was imported from one
 * @param providerId the provider whose account {@link Patient#accountUserId()} belongs to (the account the
 *     person was imported from), or {@code null} when the person was entered by hand
 */
public record OwnerPatient(String label, Patient patient, String providerId) {

  /** The longest label accepted, in UTF-16 characters. */
  public static final int MAX_LABEL = 100;

  /** Validates; throws {@link ErrorCode#INVALID_INPUT} naming the bad field (never its value). */
  public OwnerPatient {
    label = normaliseLabel(label);
    Objects.requireNonNull(patient, "patient");
    providerId = providerId == null ? null : DoctorRef.requireProviderId(providerId);
  }

  /** A person entered by hand (not tied to a provider account). */
  public OwnerPatient(String label, Patient patient) {
    this(label, patient, null);
  }

  /**
   * Cleans and checks a label: invisible marks and surrounding blanks trimmed, then 1-{@value #MAX_LABEL}
   * characters without control characters.
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} for a missing, blank, too long or
   *     control-character label (the message never quotes it)
   */
  public static String normaliseLabel(String raw) {
    return Text.required("patient label", raw, MAX_LABEL);
  }

  /**
   * Auto-booking for this person with {@code session}: {@link AutoBook#of} with this patient. Add guards
   * with the {@code with*} methods of the result.
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} when the person was imported from another
   *     provider's account than the session's: their account user id means nothing there
   */
  public AutoBook autoBook(AccountSession session) {
    Objects.requireNonNull(session, "session");
    if (providerId != null && patient.accountUserId() != null && !providerId.equals(session.providerId())) {
      throw SlotHunterException.invalid("patient",
          "was imported from a " + providerId + " account and cannot be booked with a " + session.providerId()
              + " session");
    }
    return AutoBook.of(patient, session);
  }

  /** Masks the label and the patient. */
  @Override
  public String toString() {
    return "OwnerPatient[label=" + Pii.maskName(label) + ", patient=" + patient + ", providerId=" + providerId + "]";
  }
}

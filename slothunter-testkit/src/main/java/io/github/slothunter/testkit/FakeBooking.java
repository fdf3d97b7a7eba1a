package io.github.slothunter.testkit;

import io.github.slothunter.api.Pii;
import java.time.Instant;
import java.util.Objects;

/**
 * A booking a fake site accepted through its booking endpoint. The accessors return the patient's
 * data in clear (it is test data); {@link #toString()} masks it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bookId the site's booking id (Paziresh24: {@code book_info.id})
 * @param referenceCode the tracking code (Paziresh24: {@code reference_code})
 * @param slot the booked slot
 * @param userId the logged-in account that booked
 * @param terminalId the terminal (client) that held and booked it
 * @param firstName patient's first name as sent
 * @param lastName patient's last name as sent
 * @param nationalCode patient's national code as sent; empty for foreigners
 * @param cell patient's mobile as sent
 * @param bookedAt when the site accepted it (the fake's clock)
 * @param cancelled whether it has since been cancelled
 * @param paymentRequired whether the book reply said {@code payment.reqiure_payment} {@code "1"} (a priced
 *     service or the online center {@code 5532}, spec 5.6): such a booking is not final until paid
 * @param paid whether a payment-required booking has been marked paid ({@code FakePaziresh24.markPaid})
 * @param selectedUserId the book form's {@code selected_user_id} as sent (spec 5.4: the account user or
 *     family member booked for), empty when the form had none; the fake does not check it against the
 *     account (what the site answers a foreign id is UNVERIFIED)
 */
public record FakeBooking(String bookId, String referenceCode, FakeSlot slot, String userId, String terminalId,
    String firstName, String lastName, String nationalCode, String cell, Instant bookedAt, boolean cancelled,
    boolean paymentRequired, boolean paid, String selectedUserId) {

  /** A booking without a recorded {@code selected_user_id}; the constructor before it was recorded. */
  public FakeBooking(String bookId, String referenceCode, FakeSlot slot, String userId, String terminalId,
      String firstName, String lastName, String nationalCode, String cell, Instant bookedAt, boolean cancelled,
      boolean paymentRequired, boolean paid) {
    this(bookId, referenceCode, slot, userId, terminalId, firstName, lastName, nationalCode, cell, bookedAt, cancelled,
        paymentRequired, paid, "");
  }

  /** A free booking (no payment required); the constructor before payments existed. */
  public FakeBooking(String bookId, String referenceCode, FakeSlot slot, String userId, String terminalId,
      String firstName, String lastName, String nationalCode, String cell, Instant bookedAt, boolean cancelled) {
    this(bookId, referenceCode, slot, userId, terminalId, firstName, lastName, nationalCode, cell, bookedAt, cancelled,
        false, false, "");
  }

  /** Whether it still waits for payment ({@code payment_status} {@code paying} on the site). */
  public boolean awaitingPayment() {
    return paymentRequired && !paid;
  }

  /** Validates. */
  public FakeBooking {
    Objects.requireNonNull(bookId, "bookId");
    Objects.requireNonNull(referenceCode, "referenceCode");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(nationalCode, "nationalCode");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(bookedAt, "bookedAt");
    Objects.requireNonNull(selectedUserId, "selectedUserId");
  }

  /** Masks the patient's data. */
  @Override
  public String toString() {
    return "FakeBooking[bookId=" + bookId + ", referenceCode=" + referenceCode + ", slot=" + slot
        + ", userId=" + userId + ", patient=" + Pii.maskName(firstName) + " " + Pii.maskName(lastName)
        + ", nationalCode=" + Pii.maskNationalCode(nationalCode) + ", cell=" + Pii.maskMobile(cell)
        + ", bookedAt=" + bookedAt + ", cancelled=" + cancelled + ", paymentRequired=" + paymentRequired
        + ", paid=" + paid + ", selectedUserId=" + selectedUserId + "]";
  }
}

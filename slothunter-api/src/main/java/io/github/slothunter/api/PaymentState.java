package io.github.slothunter.api;

/**
 * Whether a {@link Booking} still needs an online payment before the provider treats it as final.
 *
 * <p>Some services (Paziresh24: online visits and services with a price) are booked first and paid
 * afterwards on the provider's site; until then the booking exists but is not confirmed, and it may
 * lapse unpaid. SlotHunter never pays: it reports the booking as "pay to confirm" with the
 * provider's payment link ({@link Booking#paymentLink()}).
 *
 * <p>Immutable and thread-safe.
 */
public enum PaymentState {
  /** No online payment is needed: the booking is final (any fee is paid at the office). */
  NOT_REQUIRED,
  /** The booking exists but is confirmed only once the patient pays online: "pay to confirm". */
  PAY_TO_CONFIRM
}

package io.github.slothunter.examples.server;

import java.util.Objects;

/**
 * A payment gateway the server sends payers to: it creates a payment for an amount, names the page
 * the payer pays on, and verifies the payment when the payer comes back. The server's one
 * implementation is {@link ZarinpalGateway}; tests point it at WireMock stubs.
 *
 * <p>Amounts are Iranian rials, always. Implementations must be thread-safe, bound every network
 * call by a timeout, and never log the merchant's credentials or the payer's card number.
 */
interface PaymentGateway {
  /** The gateway's name in receipts and callback paths ({@code zarinpal}). */
  String name();

  /**
   * Asks the gateway for a new payment.
   *
   * @throws GatewayException {@link GatewayException#unavailable() unavailable} when the gateway could
   *     not be reached or answered nonsense in time; otherwise the gateway refused the request (its code)
   */
  Created create(Order order);

  /**
   * Asks the gateway whether the payment behind {@code authority} was paid, for {@code amountRials}
   * (the amount this server asked for, never one from the callback). Never throws for gateway
   * trouble: that is {@link Verification.Unavailable}.
   */
  Verification verify(String authority, long amountRials);

  /**
   * What the server asks to be paid.
   *
   * @param paymentId the server's payment id (sent along as the order id)
   * @param amountRials the amount, in rials, positive
   * @param description shown to the payer
   * @param callbackUrl where the gateway sends the payer back
   */
  record Order(String paymentId, long amountRials, String description, String callbackUrl) {
    public Order {
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(callbackUrl, "callbackUrl");
      if (amountRials <= 0) {
        throw new IllegalArgumentException("amountRials must be positive: " + amountRials);
      }
    }
  }

  /**
   * A payment the gateway created.
   *
   * @param authority the gateway's id for it, which the callback carries back
   * @param redirectUrl the page the payer pays on
   */
  record Created(String authority, String redirectUrl) {
    public Created {
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(redirectUrl, "redirectUrl");
    }
  }

  /** What verifying a payment found. */
  sealed interface Verification {
    /**
     * Paid, and this call confirmed it.
     *
     * @param refId the gateway's reference number for the payer's receipt
     * @param cardPan the payer's card, masked ({@code 502229******5995}), or {@code null}
     */
    record Verified(String refId, String cardPan) implements Verification {
      public Verified {
        Objects.requireNonNull(refId, "refId");
      }
    }

    /**
     * Paid, and confirmed before (Zarinpal's code 101): a repeat of an earlier verify.
     *
     * @param refId the reference number when the gateway repeats it, or {@code null}
     * @param cardPan the masked card when the gateway repeats it, or {@code null}
     */
    record AlreadyVerified(String refId, String cardPan) implements Verification {}

    /**
     * Not paid, or not for this amount: the gateway's code and message.
     *
     * @param code the gateway's (negative) code, e.g. Zarinpal's -50 (amount mismatch), -51 (failed payment)
     * @param message the gateway's message, without personal data
     */
    record Failed(int code, String message) implements Verification {
      public Failed {
        Objects.requireNonNull(message, "message");
      }
    }

    /**
     * The gateway could not be asked (down, timed out, an answer that is not its JSON): nothing is known,
     * so the payment stays as it was and can be verified later.
     *
     * @param reason what went wrong, for logs
     */
    record Unavailable(String reason) implements Verification {
      public Unavailable {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /** The gateway would not create a payment: down ({@link #unavailable()}), or it refused with a code. */
  final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Integer code;

    GatewayException(Integer code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    /** The gateway's refusal code, or {@code null} when it was unavailable. */
    Integer code() {
      return code;
    }

    /** Whether the gateway could not be reached (retry later) rather than refusing. */
    boolean unavailable() {
      return code == null;
    }
  }
}

package io.github.slothunter.examples.telegram;

import java.util.Objects;

/** What a user sent the bot, as plain values (no Telegram types). */
public sealed interface Incoming {
  /** The chat the update came from; also the SlotHunter owner id of that user. */
  long chatId();

  /**
   * A text message (commands included).
   *
   * @param chatId the chat
   * @param text what the user typed
   */
  record Text(long chatId, String text) implements Incoming {
    /** Validates. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A location the user shared (Telegram's {@code message.location}).
   *
   * @param chatId the chat
   * @param latitude degrees, -90..90
   * @param longitude degrees, -180..180
   */
  record Location(long chatId, double latitude, double longitude) implements Incoming {}

  /**
   * A press on an inline keyboard button.
   *
   * @param chatId the chat the button's message is in
   * @param messageId the message carrying the keyboard
   * @param callbackId Telegram's id of the press, to answer it
   * @param data the button's callback data
   */
  record Callback(long chatId, int messageId, String callbackId, String data) implements Incoming {
    /** Validates. */
    public Callback {
      Objects.requireNonNull(callbackId, "callbackId");
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * Telegram asks whether it may charge for an invoice the bot sent (answer within 10 seconds).
   *
   * @param chatId the payer's chat (the private chat's id is the user's id)
   * @param queryId Telegram's id of the query, to answer it
   * @param payload the invoice's payload, as the bot wrote it
   * @param currency ISO 4217 code, {@code XTR} for Telegram Stars
   * @param amount the total in the currency's smallest unit (Stars are whole)
   */
  record PreCheckout(long chatId, String queryId, String payload, String currency, long amount) implements Incoming {
    /** Validates. */
    public PreCheckout {
      Objects.requireNonNull(queryId, "queryId");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * A payment went through.
   *
   * @param chatId the payer's chat
   * @param payload the invoice's payload
   * @param currency ISO 4217 code
   * @param amount the total paid
   * @param chargeId Telegram's charge id: one per payment (the key that makes applying it idempotent)
   */
  record Paid(long chatId, String payload, String currency, long amount, String chargeId) implements Incoming {
    /** Validates. */
    public Paid {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(chargeId, "chargeId");
    }
  }
}

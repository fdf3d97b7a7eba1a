package io.github.slothunter.examples.telegram;

import java.util.Objects;

/** What the bot wants sent, as plain values (no Telegram types). */
public sealed interface Outgoing {
  /**
   * A new message.
   *
   * @param chatId the chat
   * @param text plain text (no Markdown or HTML parsing)
   * @param keyboard the inline keyboard, {@link Keyboard#NONE} for none
   */
  record Send(long chatId, String text, Keyboard keyboard) implements Outgoing {
    /** Validates. */
    public Send {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(keyboard, "keyboard");
    }

    /** A message without a keyboard. */
    public Send(long chatId, String text) {
      this(chatId, text, Keyboard.NONE);
    }
  }

  /**
   * Replaces the text (and keyboard) of a message the bot sent earlier.
   *
   * @param chatId the chat
   * @param messageId the message
   * @param text the new text
   * @param keyboard the new keyboard, {@link Keyboard#NONE} to remove it
   */
  record Edit(long chatId, int messageId, String text, Keyboard keyboard) implements Outgoing {
    /** Validates. */
    public Edit {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(keyboard, "keyboard");
    }
  }

  /**
   * Answers a button press (stops the button's spinner), optionally with a short toast.
   *
   * @param callbackId the press
   * @param text the toast, empty for none
   */
  record Answer(String callbackId, String text) implements Outgoing {
    /** Validates. */
    public Answer {
      Objects.requireNonNull(callbackId, "callbackId");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An invoice (Telegram's payment flow; {@code XTR} Stars need no payment provider).
   *
   * @param chatId the chat
   * @param title shown as the invoice's title (1-32 characters)
   * @param description shown under it (1-255 characters)
   * @param payload what the bot gets back with the payment (1-128 bytes, not shown)
   * @param currency ISO 4217 code
   * @param amount the price in the currency's smallest unit
   */
  record Invoice(long chatId, String title, String description, String payload, String currency, long amount)
      implements Outgoing {
    /** Validates. */
    public Invoice {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * Answers a pre-checkout query: go ahead ({@code error == null}) or refuse with a reason the user sees.
   *
   * @param queryId the query
   * @param error why the payment is refused, or {@code null} to accept it
   */
  record AnswerPreCheckout(String queryId, String error) implements Outgoing {
    /** Validates. */
    public AnswerPreCheckout {
      Objects.requireNonNull(queryId, "queryId");
    }
  }
}

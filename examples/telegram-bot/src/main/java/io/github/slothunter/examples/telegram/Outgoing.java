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
}

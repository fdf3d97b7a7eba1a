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
}

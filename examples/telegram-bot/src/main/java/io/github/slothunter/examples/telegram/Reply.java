package io.github.slothunter.examples.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the replies to one update of one chat, in the chat's language. Not thread-safe: one
 * update, one thread.
 */
final class Reply {
  final long chatId;
  final Messages m;
  final List<Outgoing> out = new ArrayList<>();

  Reply(long chatId, Messages m) {
    this.chatId = chatId;
    this.m = m;
  }

  /** The chat's owner id in the engine. */
  String owner() {
    return BotConversation.owner(chatId);
  }

  void send(String text) {
    out.add(new Outgoing.Send(chatId, text));
  }

  void send(String text, Keyboard keyboard) {
    out.add(new Outgoing.Send(chatId, text, keyboard));
  }

  void edit(Incoming.Callback cb, String text, Keyboard keyboard) {
    out.add(new Outgoing.Edit(cb.chatId(), cb.messageId(), text, keyboard));
  }

  /** A new message, or the menu's message rewritten when the reply is to a button. */
  void sendOrEdit(Incoming.Callback menu, String text) {
    sendOrEdit(menu, text, Keyboard.NONE);
  }

  /** A new message with a keyboard, or the menu's message rewritten with it when the reply is to a button. */
  void sendOrEdit(Incoming.Callback menu, String text, Keyboard keyboard) {
    if (menu == null) {
      send(text, keyboard);
    } else {
      edit(menu, text, keyboard);
    }
  }

  void answer(Incoming.Callback cb, String text) {
    out.add(new Outgoing.Answer(cb.callbackId(), text));
  }

  /** Answers a press on a menu that no longer applies. */
  void stale(Incoming.Callback cb) {
    answer(cb, m.staleMenu());
  }
}

package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;

/**
 * What the bot knows about one chat besides what the engine keeps (watches, filters, plan, patient
 * book): its language, the step of a multi-message flow, the number of the newest menu, and after a
 * login the provider session and the person auto-booking books for. Loaded from and saved to
 * {@link BotStore} by {@link BotConversation}, the personal and secret parts sealed.
 *
 * <p>Not thread-safe by itself: {@link BotConversation} handles one update of a chat at a time while
 * holding the instance's lock; {@code lang}, {@code autoBook} and {@code session} are volatile because
 * events and reminders read them without it.
 */
final class ChatState {
  volatile Lang lang = Lang.DEFAULT;
  /** The patient and the provider session after {@code /autobook}, for watches added later. */
  volatile AutoBook autoBook;
  /** The chat's provider login, after an SMS code; dropped when the provider rejects it. */
  volatile AccountSession session;
  Step step = Step.IDLE;
  /** The number of the newest menu: buttons of older menus are stale. */
  int flow;

  /** Whether a multi-message flow is in progress. */
  boolean busy() {
    return !(step instanceof Step.Idle);
  }
}

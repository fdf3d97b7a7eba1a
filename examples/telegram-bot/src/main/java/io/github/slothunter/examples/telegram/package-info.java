/**
 * The SlotHunter Telegram bot: the Persian/English bot users already know, rebuilt on the SDK.
 *
 * <p>{@link io.github.slothunter.examples.telegram.BotConversation} is the whole conversation as a
 * state machine over plain values ({@link io.github.slothunter.examples.telegram.Incoming} in,
 * {@link io.github.slothunter.examples.telegram.Outgoing} out); it knows nothing about HTTP.
 * {@link io.github.slothunter.examples.telegram.TelegramTransport} moves those values to and from the
 * Telegram Bot API with long polling, and {@link io.github.slothunter.examples.telegram.BotMain}
 * wires both to a {@link io.github.slothunter.core.SlotHunter} engine. An example, not a published
 * library: its types may change at any time.
 */
package io.github.slothunter.examples.telegram;

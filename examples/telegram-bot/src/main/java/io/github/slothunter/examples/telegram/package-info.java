/**
 * The SlotHunter Telegram bot: the Persian/English bot users already know, rebuilt on the SDK.
 * An example, not a published library: its types may change at any time.
 *
 * <p>Who owns what:
 * <ul>
 *   <li>{@link io.github.slothunter.examples.telegram.BotConversation}: the conversation as a state machine
 *       over plain values ({@link io.github.slothunter.examples.telegram.Incoming} in,
 *       {@link io.github.slothunter.examples.telegram.Outgoing} out); loads and stores each chat's
 *       {@code ChatState} around an update and routes commands, buttons and flow steps to:
 *   <ul>
 *     <li>{@code WatchFlow}: {@code /add} (link, center and service menus, quota), {@code /list}, {@code /remove};
 *     <li>{@code FindFlow}: {@code /find} (issue #24): specialty, city or shared location, distance, the area's
 *         doctors, "watch this area" and "narrow", over {@code AreaPick} (what is collected, kept in the step)
 *         and {@code FindMessages};
 *     <li>{@code FilterFlow}: {@code /filter}, with {@code FilterParser} for the days and hours;
 *     <li>{@code AutoBookFlow}: {@code /autobook}, the provider's SMS login, auto-booking on and off;
 *     <li>{@code PatientsFlow}: {@code /patients} and typing a person in, over {@code PatientBook};
 *     <li>{@code PlanFlow}: {@code /plan}, {@code /plans}, {@code /stats}, the admin's {@code /grant}, with
 *         {@code BotPayments} for Telegram Stars invoices, charges and reminders;
 *     <li>{@code Notifications}: engine events and burst summaries as messages ({@code SlotNotices} decides
 *         which slots get a message of their own), counted for {@code /stats} before they are sent.
 *   </ul>
 *   <li>{@code WatchLabels} (what a calendar is shown as: the event's label first, the bot's remembered names as
 *       the fallback; an area watch by its area) and {@code WatchEditor} (re-registering a watch
 *       with a change) are shared by the flows.
 *   <li>{@code BotStore} keeps the bot's own state in {@code BotDatabase} (embedded H2 or PostgreSQL, shared
 *       with the engine's {@code JdbcStore}); {@code ChatStateCodec} and {@code SecretSealer} turn a chat's private
 *       state into sealed text; {@code StoreKey} finds the key.
 *   <li>{@link io.github.slothunter.examples.telegram.Messages}: every text in both languages.
 *   <li>{@link io.github.slothunter.examples.telegram.TelegramTransport}: the Telegram Bot API with long
 *       polling; {@link io.github.slothunter.examples.telegram.Bot} wires database, engine, conversation and
 *       transport; {@link io.github.slothunter.examples.telegram.BotMain} is the entry point.
 * </ul>
 */
package io.github.slothunter.examples.telegram;


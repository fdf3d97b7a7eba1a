/**
 * The engine's machinery; not API (it may change in any release). Rooms, each with one job and the
 * state it owns:
 *
 * <ul>
 *   <li>{@link io.github.slothunter.core.internal.Engine}: wiring and the public API's entry point;
 *       owns nothing but the rooms.
 *   <li>{@code Registry}: the watches, by id and by owner; its lock serialises registration,
 *       cancellation and watch-state saves.
 *   <li>{@code Scheduler}: the poll streams ({@code TargetState}) and their due queues; its lock
 *       guards every scheduling field. {@code AdaptivePolicy}, {@code Pacing} and
 *       {@code ProviderQueues} are its arithmetic and per-provider state.
 *   <li>{@code Dispatcher}: the dispatcher thread and the poll executor ({@code runDue} in manual
 *       mode).
 *   <li>{@code Poller}: one poll's requests through the budget ({@code ProviderRuntime},
 *       {@code BudgetGate}); written fields of a target belong to the poll running for it.
 *   <li>{@code Announcer}: diff, persist, publish; what each watch was told (under the watch's own
 *       lock, {@code WatchRuntime}).
 *   <li>{@code Outbox}: events saved with the state they report, published after, marked delivered,
 *       replayed after a crash; {@link io.github.slothunter.core.internal.EventBus} delivers them.
 *   <li>{@code AutoBooker}: hold, book, release; one booking poll per watch at a time, no lock held
 *       across a provider call; sees watches only through {@code WatchStates}. {@code HoldReleases}:
 *       the holds placed and not yet booked or released. {@code OutcomeResolver}: finds out from the
 *       account's bookings what became of an attempt whose outcome is unknown, and closes it.
 *       {@code HoldIntents}: finds out whether a hold request whose answer was lost holds the slot,
 *       releases it or reports it with its lapse. {@code Replacements}: the cancel step of a
 *       book-then-cancel (a persisted job, finished at start-up or retried). {@code Verifier}: reads a
 *       booking back from the provider; {@code UnheardBookings}: at start-up, reads back a booking a
 *       crash left unheard and unread.
 *   <li>{@code HealthTracker}: each watch's health and its events; {@code Health}: the rules and
 *       sentences.
 *   <li>{@code Subscriptions}: plans with an end: set, renewed, and lapsed to the default plan (the
 *       Registry moves the owner's watches).
 *   <li>{@code ClusterSync}: leases, takeover and stranded events with a shared store.
 *   <li>{@code Directory}, {@code Lookups}: doctor links, lookups, searches, one-off reads.
 *   <li>{@code Vocabulary}: each provider's cities and specialties (cached a day) and the words people
 *       type resolved to its slugs, with suggestions for unknown ones.
 *   <li>{@code AreaWatches}: area watches' membership: a query resolved and listed from the search
 *       pages, the member cap, the daily refresh, what a member is to an event
 *       ({@code member(watch, targetId)}: name, center, price, distance).
 *   <li>{@code AreaSweeps}: each area watch's periodic sweep of its search pages through the budget,
 *       and the candidate calendars it points the watch at ({@code Registry.retarget}); members are
 *       looked up only when they become candidates.
 *   <li>{@code EngineContext}: the shared wiring and the closed flag.
 * </ul>
 *
 * <p>A slot's path runs one way: Dispatcher, Poller, Announcer (then AutoBooker), Outbox, EventBus;
 * the Scheduler and HealthTracker hear how the poll went. An area watch's calendars come from its
 * sweeps (AreaSweeps, Registry) and then take the same path. Lock order: AreaSweeps, then Registry,
 * then Scheduler, then a watch's own lock.
 */
package io.github.slothunter.core.internal;

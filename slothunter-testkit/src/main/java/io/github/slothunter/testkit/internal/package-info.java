/**
 * Implementation of the testkit's fakes: HTTP plumbing, request log, fault rules, rate limiting,
 * timelines, calendars, and each fake site's protocol. Not public API; may change in any release.
 *
 * <p>The shared pieces ({@link io.github.slothunter.testkit.internal.FakeServer},
 * {@link io.github.slothunter.testkit.internal.Site}, {@link io.github.slothunter.testkit.internal.RequestLog},
 * {@link io.github.slothunter.testkit.internal.FaultRules},
 * {@link io.github.slothunter.testkit.internal.RateLimiter},
 * {@link io.github.slothunter.testkit.internal.Timeline},
 * {@link io.github.slothunter.testkit.internal.SiteTime},
 * {@link io.github.slothunter.testkit.internal.SlotCalendars},
 * {@link io.github.slothunter.testkit.internal.InitialSlots}) know nothing about a particular site;
 * a new fake implements {@link io.github.slothunter.testkit.internal.Site} and reuses them. A public
 * fake's builder keeps the common options in a {@link io.github.slothunter.testkit.internal.FakeSiteSettings}
 * and the fake delegates its lifecycle and introspection to a
 * {@link io.github.slothunter.testkit.internal.FakeSiteRuntime}. Sub-packages hold one fake site each
 * ({@code internal.doctoreto}).
 *
 * <p>The fake Paziresh24 lives here: {@link io.github.slothunter.testkit.internal.Paziresh24State} (doctors,
 * calendars, holds, bookings, users), {@link io.github.slothunter.testkit.internal.Paziresh24Site} (routing,
 * envelopes, the booking RPC: hold, book, release, cancel, move), {@code Paziresh24Calendars} (getFreeDays in
 * both modes, getFreeTurns), {@code Paziresh24Login} (register, SMS code, login, auth/me),
 * {@code Paziresh24Addons} (service price, invoice page, Hamdast widgets) and
 * {@link io.github.slothunter.testkit.internal.Paziresh24Pages} (profile pages and JSON bodies).
 */
package io.github.slothunter.testkit.internal;

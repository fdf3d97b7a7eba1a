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
 */
package io.github.slothunter.testkit.internal;

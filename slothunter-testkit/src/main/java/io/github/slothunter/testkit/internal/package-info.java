/**
 * Implementation of the testkit's fakes: HTTP plumbing, request log, fault rules, rate limiting,
 * timelines, calendars, and each fake site's protocol. Not public API; may change in any release.
 *
 * <p>The shared pieces ({@link io.github.slothunter.testkit.internal.FakeServer},
 * {@link io.github.slothunter.testkit.internal.Site}, {@link io.github.slothunter.testkit.internal.RequestLog},
 * {@link io.github.slothunter.testkit.internal.FaultRules},
 * {@link io.github.slothunter.testkit.internal.RateLimiter},
 * {@link io.github.slothunter.testkit.internal.Timeline},
 * {@link io.github.slothunter.testkit.internal.SlotCalendars}) know nothing about a particular site;
 * a new fake implements {@link io.github.slothunter.testkit.internal.Site} and reuses them.
 */
package io.github.slothunter.testkit.internal;

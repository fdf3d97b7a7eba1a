package io.github.slothunter.core;

/**
 * How far the engine's doctor lookups have come: registering many doctors queues their lookups
 * inside each provider's request budget (see {@link SlotHunter#watchAsync}), and this tells a host
 * what to show meanwhile ("looked up 12 of 300 doctors").
 *
 * <p>Immutable and thread-safe.
 *
 * @param done lookups answered since the engine started (cached answers are not counted)
 * @param failed lookups that ended with an error (not found, a failing site after retries, ...)
 * @param waiting lookups queued or running now
 */
public record LookupProgress(long done, long failed, int waiting) {

  /** Lookups asked for since the engine started: done, failed and waiting. */
  public long requested() {
    return done + failed + waiting;
  }
}

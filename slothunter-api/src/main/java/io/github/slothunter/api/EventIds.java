package io.github.slothunter.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Derives {@link SlotEvent#id()}: a hash of what the event is about, so the same event has the
 * same id in every process that makes or replays it. Stateless and thread-safe.
 */
final class EventIds {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  });

  private EventIds() {}

  static String of(SlotEvent event) {
    if (event instanceof SlotOpened e) {
      return hash("opened", e.watchId(), e.slot().id(), e.at().toString());
    } else if (event instanceof SlotGone e) {
      return hash("gone", e.watchId(), e.slot().id(), e.at().toString());
    } else if (event instanceof HoldPlaced e) {
      return hash("held", e.watchId(), e.hold().slot().id(), e.hold().providerHoldKey());
    } else if (event instanceof BookingSucceeded e) {
      // one per booking attempt (a watch books a slot at most once): a replayed or re-verified
      // success keeps its id whatever its verification says
      return hash("booked", e.watchId(), e.booking().slot().id());
    } else if (event instanceof BookingFailed e) {
      return hash("failed", e.watchId(), e.slot().id(), String.valueOf(e.code()), e.at().toString());
    } else if (event instanceof BookingOutcomeUnknown e) {
      return hash("unknown", e.watchId(), e.attemptKey());
    } else if (event instanceof HoldOutcomeUnknown e) {
      return hash("hold-unknown", e.watchId(), e.attemptKey(), e.lapsesAt().toString());
    } else if (event instanceof WatchPaused e) {
      return hash("paused", e.watchId(), String.valueOf(e.reason()), e.at().toString());
    } else if (event instanceof WatchResumed e) {
      return hash("resumed", e.watchId(), e.at().toString());
    } else if (event instanceof WatchHealthChanged e) {
      return hash("health", e.watchId(), String.valueOf(e.previous()), String.valueOf(e.current()), e.at().toString());
    } else if (event instanceof ProviderThrottled e) {
      return hash("throttled", e.providerId(), String.valueOf(e.code()), e.at().toString());
    } else if (event instanceof EventsDropped e) {
      return hash("dropped", Long.toString(e.count()), e.at().toString());
    }
    throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
  }

  /** {@code ev_} and 22 URL-safe characters: the first 128 bits of SHA-256 over the length-prefixed parts. */
  private static String hash(String... parts) {
    MessageDigest sha = SHA_256.get(); // looked up once per thread: getInstance costs more than the digest
    for (String part : parts) {
      byte[] b = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
      sha.update((byte) (b.length >>> 24));
      sha.update((byte) (b.length >>> 16));
      sha.update((byte) (b.length >>> 8));
      sha.update((byte) b.length);
      sha.update(b);
    }
    byte[] digest = sha.digest();
    return "ev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
  }
}

package io.github.slothunter.core;

/** A registered listener; {@link #close()} removes it. Idempotent and thread-safe. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops delivery to the listener. */
  @Override
  void close();
}

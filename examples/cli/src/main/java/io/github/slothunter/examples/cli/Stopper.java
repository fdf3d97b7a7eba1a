package io.github.slothunter.examples.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command end cleanly on its deadline or on Ctrl-C. With hooks on, Ctrl-C
 * (the JVM's shutdown) wakes the command and then waits, bounded, until the command has closed the
 * engine and printed its summary; without hooks (tests) only the deadline ends it.
 * Thread-safe; close it when the command is done.
 */
final class Stopper implements AutoCloseable {
  /** How long Ctrl-C waits for the clean shutdown before the JVM goes down anyway. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean interrupted;

  Stopper(boolean installHook) {
    if (installHook) {
      hook = new Thread(this::onShutdown, "slothunter-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    } else {
      hook = null;
    }
  }

  private void onShutdown() {
    interrupted = true;
    stop.countDown();
    try {
      done.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the timeout passes, Ctrl-C, or {@link #stop()}.
   *
   * @return {@code true} if stopped early
   */
  boolean await(Duration timeout) {
    try {
      return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Ends {@link #await(Duration)} now. */
  void stop() {
    stop.countDown();
  }

  /** Whether Ctrl-C (JVM shutdown) ended the wait. */
  boolean interrupted() {
    return interrupted;
  }

  /** Lets a pending Ctrl-C finish and removes the hook. */
  @Override
  public void close() {
    done.countDown();
    if (hook != null && !interrupted) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs and returns at once, done is counted down
      }
    }
  }
}

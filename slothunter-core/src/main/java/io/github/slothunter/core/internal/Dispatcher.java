package io.github.slothunter.core.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the polls: one dispatcher thread ({@code slothunter-dispatch-N}) sleeps until the next due
 * time or token, takes what is due from the {@link Scheduler} and hands each poll (and the
 * auto-booking that follows it) to the poll executor. In manual mode there are no threads:
 * {@link #runDue()} polls on the caller's thread. Thread-safe; the count of polls in flight is
 * atomic.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final AtomicInteger DISPATCHERS = new AtomicInteger();

  private final EngineContext ctx;
  private final boolean manual;
  private final Scheduler scheduler;
  private final Poller poller;
  private final ClusterSync cluster;
  /** What each round does before polling: hold releases, outcome and hold-intent resolution. */
  private final Runnable chores;
  private final Lookups lookups;
  private final Outbox outbox;
  private final ExecutorService pollPool;
  private final boolean ownsPool;
  private final Thread dispatcher;
  private final AtomicInteger pollsInFlight = new AtomicInteger();

  Dispatcher(EngineContext ctx, ExecutorService executor, int threads, Scheduler scheduler, Poller poller,
      ClusterSync cluster, Runnable chores, Lookups lookups, Outbox outbox) {
    this.outbox = outbox;
    this.ctx = ctx;
    this.manual = ctx.manual;
    this.scheduler = scheduler;
    this.poller = poller;
    this.cluster = cluster;
    this.chores = chores;
    this.lookups = lookups;
    if (manual) {
      this.pollPool = null;
      this.ownsPool = false;
      this.dispatcher = null;
    } else {
      this.ownsPool = executor == null;
      this.pollPool = executor != null ? executor : Executors.newFixedThreadPool(threads,
          new NamedThreadFactory("slothunter-poll-"));
      this.dispatcher = new Thread(this::dispatchLoop, "slothunter-dispatch-" + DISPATCHERS.incrementAndGet());
      this.dispatcher.setDaemon(true);
    }
  }

  /** Starts the dispatcher thread (threaded mode). */
  void start() {
    if (dispatcher != null) {
      dispatcher.start();
    }
  }

  /**
   * Stops dispatching and waits, until the deadline, for the dispatcher and the polls in flight
   * to end; an executor the engine made itself is shut down.
   */
  void stop(long deadlineNanos) {
    scheduler.close();
    if (dispatcher != null) {
      dispatcher.interrupt();
      joinQuietly(dispatcher, deadlineNanos);
    }
    if (pollPool != null) {
      if (ownsPool) {
        pollPool.shutdown();
      }
      while (pollsInFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }
  }

  /** Interrupts what polls are left in an executor the engine made itself (the last step of close). */
  void shutdownNow() {
    if (ownsPool && pollPool != null) {
      pollPool.shutdownNow();
    }
  }


  private void dispatchLoop() {
    while (!ctx.closed) {
      try {
        cluster.maybeSync();
        chores.run();
        outbox.flush();
        List<TargetState> due = scheduler.takeDue();
        for (TargetState ts : due) {
          pollsInFlight.incrementAndGet();
          try {
            pollPool.execute(() -> {
              try {
                poller.poll(ts);
              } finally {
                pollsInFlight.decrementAndGet();
              }
            });
          } catch (RejectedExecutionException e) {
            pollsInFlight.decrementAndGet();
            ts.runtime.gate().release();
            scheduler.abandon(ts);
          }
        }
        if (!scheduler.awaitWork()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("dispatcher failed; continuing", e);
      }
    }
  }

  /** Manual mode: runs every due poll the budget allows on this thread. */
  int runDue() {
    if (!manual) {
      throw new IllegalStateException("runDue() needs a SlotHunter built with manualScheduling()");
    }
    ctx.ensureOpen();
    cluster.maybeSync();
    chores.run();
    outbox.flush();
    lookups.drain();
    int n = 0;
    while (true) {
      List<TargetState> due = scheduler.takeDue();
      if (due.isEmpty()) {
        return n;
      }
      for (TargetState ts : due) {
        poller.poll(ts);
        n++;
      }
    }
  }

  private static void joinQuietly(Thread t, long deadlineNanos) {
    try {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class NamedThreadFactory implements java.util.concurrent.ThreadFactory {
    private final String prefix;
    private final AtomicLong n = new AtomicLong();

    NamedThreadFactory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}

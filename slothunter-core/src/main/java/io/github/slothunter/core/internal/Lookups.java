package io.github.slothunter.core.internal;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.LookupProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's doctor lookups: cached for {@link #TTL}, shared between callers asking for the same
 * doctor at once, and queued inside each provider's budget so that registering hundreds of doctors
 * at start-up never fails because our own budget is busy.
 *
 * <p>Each provider has a first-in first-out queue. In threaded mode one daemon thread per provider
 * (started on the first lookup) takes a {@link BudgetGate.Use#LOOKUP} token, waiting as long as it
 * takes, and runs the lookup; a rate limit from the site pauses the provider (the gate) and the same
 * lookup is tried again after it, and a failing site is retried {@link #ATTEMPTS} times with
 * backoff, like a poll. In manual mode there are no threads: {@link #drain()} (from
 * {@code runDue()}) runs what the budget allows now, and a blocking lookup tries once and throws
 * {@link ErrorCode#BUDGET_SPENT} when no token is free. Thread-safe; one lock guards the cache, the
 * queues and the counters.
 */
final class Lookups {
  private static final Logger log = LoggerFactory.getLogger(Lookups.class);
  /** How long a looked-up doctor is reused. */
  static final Duration TTL = Duration.ofMinutes(10);
  /** How many times a lookup is tried when the site fails (a rate limit does not count). */
  static final int ATTEMPTS = 3;
  private static final int CACHE_SIZE = 10_000;
  private static final long RETRY_BASE_MILLIS = 2_000;

  private final Clock clock;
  private final boolean manual;
  private final Object lock = new Object();
  private final Map<DoctorRef, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<DoctorRef, Cached> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private final Map<DoctorRef, Pending> pending = new HashMap<>();
  private final Map<String, Queue> queues = new HashMap<>();
  private volatile boolean closed;

  private record Cached(Doctor doctor, Instant at) {}

  /** One queued lookup, shared by every caller of the same doctor. */
  private static final class Pending {
    final ProviderRuntime runtime;
    final DoctorRef ref;
    final CompletableFuture<Doctor> result = new CompletableFuture<>();
    int failures;

    Pending(ProviderRuntime runtime, DoctorRef ref) {
      this.runtime = runtime;
      this.ref = ref;
    }
  }

  /** One provider's queue and counters. Guarded by {@link #lock}. */
  private static final class Queue {
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    long done;
    long failed;
    Thread worker;
  }

  Lookups(Clock clock, boolean manual) {
    this.clock = clock;
    this.manual = manual;
  }

  /**
   * Looks a doctor up, waiting for the budget as long as it takes (threaded mode), or trying once
   * (manual mode).
   *
   * @throws SlotHunterException the lookup's error, or {@link ErrorCode#BUDGET_SPENT} in manual mode
   * @throws IllegalStateException when the engine closes while waiting
   */
  Doctor lookup(ProviderRuntime rt, DoctorRef ref) {
    Doctor cached = cached(ref);
    if (cached != null) {
      return cached;
    }
    if (manual) {
      return lookupNow(rt, ref);
    }
    return await(lookupAsync(rt, ref));
  }

  /** Queues a lookup (or reuses the cached doctor or the one already queued). */
  CompletableFuture<Doctor> lookupAsync(ProviderRuntime rt, DoctorRef ref) {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("SlotHunter is closed"));
      }
      Doctor cached = cachedLocked(ref);
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
      Pending p = pending.get(ref);
      if (p == null) {
        p = new Pending(rt, ref);
        pending.put(ref, p);
        Queue q = queue(rt.id());
        q.waiting.addLast(p);
        if (!manual && q.worker == null) {
          q.worker = new Thread(() -> work(rt.id()), "slothunter-lookup-" + rt.id());
          q.worker.setDaemon(true);
          q.worker.start();
        }
        lock.notifyAll();
      }
      return p.result.copy();
    }
  }

  private Queue queue(String providerId) {
    return queues.computeIfAbsent(providerId, k -> new Queue());
  }

  /** The doctor if looked up within {@link #TTL}, else {@code null}; never a request. */
  Doctor cached(DoctorRef ref) {
    synchronized (lock) {
      return cachedLocked(ref);
    }
  }

  private Doctor cachedLocked(DoctorRef ref) {
    Cached c = cache.get(ref);
    return c != null && c.at.plus(TTL).isAfter(clock.instant()) ? c.doctor : null;
  }

  /** Manual mode: one try with a token free now. */
  private Doctor lookupNow(ProviderRuntime rt, DoctorRef ref) {
    if (!rt.gate().tryAcquire(BudgetGate.Use.LOOKUP)) {
      throw budgetSpent(rt, clock, BudgetGate.Use.LOOKUP);
    }
    Doctor d;
    try {
      d = rt.callWithToken(() -> rt.provider().lookup(ref));
    } catch (RuntimeException e) {
      synchronized (lock) {
        queue(rt.id()).failed++;
      }
      throw e;
    }
    synchronized (lock) {
      cache.put(ref, new Cached(d, clock.instant()));
      queue(rt.id()).done++;
    }
    return d;
  }

  /** Our own budget (not the site) has no token for this now. */
  static SlotHunterException budgetSpent(ProviderRuntime rt, Clock clock, BudgetGate.Use use) {
    return SlotHunterException.builder(ErrorCode.BUDGET_SPENT).providerId(rt.id())
        .retryAfter(Duration.ofMillis(Math.max(0, rt.gate().nextAvailableMillis(use) - clock.millis())))
        .message("SlotHunter's own request budget for " + rt.id() + " is spent for now (the site did not refuse us);"
            + " try again shortly")
        .build();
  }

  /** Threaded mode: one provider's worker, until the engine closes. */
  private void work(String providerId) {
    while (!closed) {
      Pending p;
      synchronized (lock) {
        Queue q = queue(providerId);
        while (q.waiting.isEmpty() && !closed) {
          try {
            lock.wait(1000);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        p = q.waiting.peekFirst();
      }
      if (!p.runtime.gate().acquire(BudgetGate.Use.LOOKUP, Duration.ofSeconds(1))) {
        continue; // waits in steps so that close() is seen
      }
      run(p, q(providerId));
      if (p.failures > 0 && !p.result.isDone()) {
        sleep(RETRY_BASE_MILLIS << Math.min(p.failures - 1, 4));
      }
    }
  }

  private Queue q(String providerId) {
    synchronized (lock) {
      return queue(providerId);
    }
  }

  /** Manual mode: runs the queued lookups the budget has tokens for now. */
  int drain() {
    int n = 0;
    for (String providerId : providerIds()) {
      while (true) {
        Pending p;
        synchronized (lock) {
          p = queue(providerId).waiting.peekFirst();
        }
        if (p == null || !p.runtime.gate().tryAcquire(BudgetGate.Use.LOOKUP)) {
          break;
        }
        run(p, q(providerId));
        n++;
        if (!p.result.isDone()) {
          break; // failed for now: the next drain tries again
        }
      }
    }
    return n;
  }

  private java.util.List<String> providerIds() {
    synchronized (lock) {
      return java.util.List.copyOf(queues.keySet());
    }
  }

  /** Runs one queued lookup with a token taken; completes it, or leaves it at the queue's head to try again. */
  private void run(Pending p, Queue q) {
    Doctor d = null;
    SlotHunterException error = null;
    try {
      d = p.runtime.callWithToken(() -> p.runtime.provider().lookup(p.ref));
    } catch (SlotHunterException e) {
      error = e;
    }
    synchronized (lock) {
      boolean retry = error != null && (error.code() == ErrorCode.RATE_LIMITED
          || (error.code() == ErrorCode.PROVIDER_UNAVAILABLE && ++p.failures < ATTEMPTS));
      if (retry) {
        log.debug("lookup of {} on {} failed ({}); trying again", p.ref, p.runtime.id(), error.code());
        return; // stays first in the queue; a rate limit paused the gate, which the next token waits out
      }
      q.waiting.remove(p);
      pending.remove(p.ref, p);
      if (error == null) {
        cache.put(p.ref, new Cached(d, clock.instant()));
        q.done++;
        p.result.complete(d);
      } else {
        q.failed++;
        p.result.completeExceptionally(error);
      }
    }
  }

  /** What the lookups of a provider (or all, for {@code null}) have done and have left. */
  LookupProgress progress(String providerId) {
    synchronized (lock) {
      long done = 0;
      long failed = 0;
      int waiting = 0;
      for (Map.Entry<String, Queue> e : queues.entrySet()) {
        if (providerId == null || providerId.equals(e.getKey())) {
          Queue q = e.getValue();
          done += q.done;
          failed += q.failed;
          waiting += q.waiting.size();
        }
      }
      return new LookupProgress(done, failed, waiting);
    }
  }

  /** Fails every waiting lookup and stops the workers. */
  void close() {
    closed = true;
    synchronized (lock) {
      for (Pending p : pending.values()) {
        p.result.completeExceptionally(new IllegalStateException("SlotHunter is closed"));
      }
      pending.clear();
      queues.values().forEach(q -> q.waiting.clear());
      lock.notifyAll();
    }
  }

  private static Doctor await(CompletableFuture<Doctor> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a doctor lookup", e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  /** The lookup's own exception, as thrown by a blocking call. */
  static RuntimeException unwrap(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c instanceof RuntimeException r ? r : new IllegalStateException(c);
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

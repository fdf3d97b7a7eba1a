package io.github.slothunter.testkit;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import io.github.slothunter.testkit.InMemoryProvider.Request;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The request pipeline of an {@link InMemoryProvider}, and the test's switches on it: every call of
 * the provider's watcher, booker, login, area search and lookup passes {@link #call} here, which
 * logs it, counts it in flight, shows it to the hooks, throws its operation's scripted failure
 * ({@linkplain #failNext queued}, else {@linkplain #failAlways standing}) or waits at its
 * {@linkplain #gate gate}, then does the work. Thread-safe: the log and the scripts are guarded by the
 * provider's lock, so a request is logged and takes its failure in one step.
 */
final class InMemoryRequests {
  private final Object lock;
  private final Clock clock;
  private final String providerId;
  private final List<Request> log = new ArrayList<>();
  private final Map<Operation, Deque<RuntimeException>> failures = new EnumMap<>(Operation.class);
  private final Map<Operation, ErrorCode> standingFailures = new EnumMap<>(Operation.class);
  private final Map<Operation, InMemoryGate> gates = new EnumMap<>(Operation.class);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Consumer<Request> onRequest = r -> {};
  private volatile Consumer<Request> onAnswer = r -> {};

  InMemoryRequests(Object lock, Clock clock, String providerId) {
    this.lock = lock;
    this.clock = clock;
    this.providerId = providerId;
  }

  /** One request: logged, counted, shown to the hooks, failed as scripted or gated, then {@code work}. */
  <T> T call(Operation operation, String targetId, Supplier<T> work) {
    Request request = new Request(operation, targetId, clock.instant());
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      onRequest.accept(request);
      RuntimeException failure;
      InMemoryGate gate;
      synchronized (lock) {
        log.add(request);
        Deque<RuntimeException> queue = failures.get(operation);
        failure = queue == null ? null : queue.poll();
        ErrorCode standing = standingFailures.get(operation);
        if (failure == null && standing != null) {
          failure = injected(standing);
        }
        gate = gates.get(operation);
      }
      if (failure != null) {
        throw failure;
      }
      if (gate != null) {
        gate.pass();
      }
      T answer = work.get();
      onAnswer.accept(request);
      return answer;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The failure a scripted {@code code} throws: message {@code "injected <code>"}, the provider's id. */
  SlotHunterException injected(ErrorCode code) {
    return SlotHunterException.builder(code).providerId(providerId).message("injected " + code).build();
  }

  void failNext(Operation operation, RuntimeException e) {
    synchronized (lock) {
      failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(e);
    }
  }

  void failAlways(Operation operation, ErrorCode code) {
    synchronized (lock) {
      standingFailures.put(operation, code);
    }
  }

  void clearFailures(Operation operation) {
    synchronized (lock) {
      failures.remove(operation);
      standingFailures.remove(operation);
    }
  }

  void gate(Operation operation, InMemoryGate gate) {
    synchronized (lock) {
      gates.put(operation, gate);
    }
  }

  void onRequest(Consumer<Request> hook) {
    this.onRequest = Objects.requireNonNull(hook, "hook");
  }

  void onAnswer(Consumer<Request> hook) {
    this.onAnswer = Objects.requireNonNull(hook, "hook");
  }

  List<Request> requests() {
    synchronized (lock) {
      return List.copyOf(log);
    }
  }

  long count(Operation operation) {
    synchronized (lock) {
      return log.stream().filter(r -> r.operation() == operation).count();
    }
  }

  long count(Operation operation, Target target) {
    String targetId = target.id();
    synchronized (lock) {
      return log.stream().filter(r -> r.operation() == operation && r.targetId().equals(targetId)).count();
    }
  }

  int maxInFlight() {
    return maxInFlight.get();
  }
}

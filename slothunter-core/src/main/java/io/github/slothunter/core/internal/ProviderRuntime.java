package io.github.slothunter.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider as the engine drives it: its {@link BudgetGate}, a Resilience4j circuit breaker that
 * opens on sustained {@code PROVIDER_UNAVAILABLE}, and request counters. Every provider call the
 * engine makes goes through {@link #call}. Thread-safe.
 */
public final class ProviderRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderRuntime.class);
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  /** Thrown when no token could be had; nothing was sent. */
  public static final class BudgetExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExhausted(String providerId) {
      super("request budget of " + providerId + " exhausted", null, false, false);
    }
  }

  private final Provider provider;
  private final ProviderInfo info;
  private final BudgetGate gate;
  private final CircuitBreaker breaker;
  private final Duration openStateWait;
  /** Where request outcomes are reported; set by the engine. */
  volatile EngineMetrics metrics = EngineMetrics.NOOP;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();

  public ProviderRuntime(Provider provider, RequestBudget budget, Clock clock, Duration openStateWait) {
    this.provider = provider;
    this.info = provider.info();
    this.gate = new BudgetGate(budget, clock);
    this.openStateWait = openStateWait;
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(openStateWait)
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(clock)
        .currentTimestampFunction(c -> c.millis(), TimeUnit.MILLISECONDS)
        .recordException(e -> e instanceof SlotHunterException s && s.code() == ErrorCode.PROVIDER_UNAVAILABLE)
        .build();
    this.breaker = CircuitBreaker.of(info.id(), config);
  }

  public Provider provider() {
    return provider;
  }

  public ProviderInfo info() {
    return info;
  }

  public String id() {
    return info.id();
  }

  public BudgetGate gate() {
    return gate;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** How long the circuit stays open before a trial call. */
  public Duration openStateWait() {
    return openStateWait;
  }

  /** Whether the breaker lets a call through now (it moves from open to half-open by itself after the wait). */
  public boolean open() {
    CircuitBreaker.State s = breaker.getState();
    if (s == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
      breaker.releasePermission();
      return false;
    }
    return s == CircuitBreaker.State.OPEN;
  }

  /**
   * Runs one provider call with a token already taken (see {@link BudgetGate#tryAcquire}); the
   * token's in-flight slot is given back here.
   */
  public <T> T callWithToken(Supplier<T> call) {
    try {
      if (!breaker.tryAcquirePermission()) {
        throw SlotHunterException.builder(ErrorCode.PROVIDER_UNAVAILABLE).providerId(info.id())
            .message("circuit breaker of " + info.id() + " is open after repeated failures").build();
      }
      long start = System.nanoTime();
      sent.incrementAndGet();
      try {
        T result = call.get();
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        gate.onSuccess();
        metrics.request(info.id(), "ok");
        return result;
      } catch (SlotHunterException e) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        metrics.request(info.id(), e.code().name());
        if (e.code() == ErrorCode.RATE_LIMITED) {
          rateLimited.incrementAndGet();
          gate.onRateLimited(e.retryAfter().orElse(DEFAULT_RETRY_AFTER));
        } else if (e.code().retryable() || e.code() == ErrorCode.PROTOCOL) {
          failed.incrementAndGet();
        }
        throw e;
      } catch (RuntimeException e) {
        // A provider bug (NPE, ClassCast...) is reported as a protocol error, never leaked raw.
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        failed.incrementAndGet();
        metrics.request(info.id(), ErrorCode.PROTOCOL.name());
        log.warn("provider {} threw {} instead of a SlotHunterException", info.id(), e.getClass().getName(), e);
        throw SlotHunterException.builder(ErrorCode.PROTOCOL).providerId(info.id())
            .message("provider " + info.id() + " failed unexpectedly: " + e.getClass().getSimpleName())
            .cause(e).build();
      }
    } finally {
      gate.release();
    }
  }

  /** Takes a token (waiting at most {@code maxWait}) and runs the call; {@link BudgetExhausted} if none came. */
  public <T> T call(BudgetGate.Use use, Duration maxWait, Supplier<T> call) {
    if (!gate.acquire(use, maxWait)) {
      throw new BudgetExhausted(info.id());
    }
    return callWithToken(call);
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  public long rateLimited() {
    return rateLimited.get();
  }

  @Override
  public void close() {
    try {
      provider.close();
    } catch (RuntimeException e) {
      log.warn("provider {} failed to close", info.id(), e);
    }
  }
}

package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.spi.Store;
import io.github.slothunter.spi.TargetLeases;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.api.Watch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A store that "kills the process" at one chosen step: the step throws {@link Crash} (an
 * {@link Error}, which the engine does not catch), before or after doing its work, and from then on
 * every call throws too, as if the process were gone. {@link #revive()} lets the dead engine be
 * closed once the test is over.
 */
final class CrashingStore implements Store {
  /** The simulated kill. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("killed " + where);
    }
  }

  /** Where to die: the call, and whether its work reaches the database first. */
  record Point(String call, boolean afterWork, Predicate<Object> when) {
    static Point before(String call) {
      return new Point(call, false, x -> true);
    }

    static Point after(String call) {
      return new Point(call, true, x -> true);
    }

    /** No store call: the kill comes from elsewhere ({@link CrashingStore#kill}). */
    static Point nowhere() {
      return new Point("(none)", false, x -> false);
    }

    static Point afterAttempt(BookingAttempt.State state) {
      return new Point("saveAttempt", true, x -> x instanceof BookingAttempt a && a.state() == state);
    }

    @Override
    public String toString() {
      return (afterWork ? "after " : "before ") + call;
    }
  }

  private final Store delegate;
  private final Point point;
  private volatile boolean dead;
  private volatile boolean crashed;

  CrashingStore(Store delegate, Point point) {
    this.delegate = delegate;
    this.point = point;
  }

  /**
   * An engine as both lives of a crash test run it: instance "node-1" (the restart keeps the id),
   * manual scheduling, a short close timeout.
   */
  static io.github.slothunter.core.SlotHunter node(io.github.slothunter.spi.ProviderFactory provider, Store store,
      java.time.Clock clock) {
    return io.github.slothunter.core.SlotHunter.builder().provider(provider).store(store).clock(clock)
        .closeTimeout(java.time.Duration.ofSeconds(2)).manualScheduling().instanceId("node-1").build();
  }

  /** The engine killed by this store: it sees the provider through {@link #provider}. */
  io.github.slothunter.core.SlotHunter engine(io.github.slothunter.spi.ProviderFactory provider, java.time.Clock clock) {
    return node(provider(provider), this, clock);
  }

  boolean crashed() {
    return crashed;
  }

  /**
   * The provider as the engine on this store sees it: once the "process" is dead, every call it
   * makes to the provider throws too, so no {@code finally} of the dead engine reaches the site (as
   * after a real {@code kill -9}).
   */
  io.github.slothunter.spi.ProviderFactory provider(io.github.slothunter.spi.ProviderFactory real) {
    CrashingStore self = this;
    return new io.github.slothunter.spi.ProviderFactory() {
      @Override
      public String id() {
        return real.id();
      }

      @Override
      public io.github.slothunter.spi.Provider create(io.github.slothunter.spi.ProviderContext context) {
        return self.guard(real.create(context), io.github.slothunter.spi.Provider.class);
      }
    };
  }

  /** Wraps an SPI object so that its calls (and those of the SPI objects it hands out) die with the process. */
  private <T> T guard(T target, Class<T> type) {
    Object proxy = java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          if (dead) {
            throw new Crash("already (provider call " + method.getName() + ")");
          }
          Object out;
          try {
            out = method.invoke(target, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          return wrap(out, method.getReturnType(), method.getGenericReturnType());
        });
    return type.cast(proxy);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object wrap(Object out, Class<?> type, java.lang.reflect.Type generic) {
    if (out == null) {
      return null;
    }
    if (type.isInterface() && type.getPackageName().equals("io.github.slothunter.spi")) {
      return guard(out, (Class) type);
    }
    if (out instanceof Optional<?> o && o.isPresent()
        && generic instanceof java.lang.reflect.ParameterizedType pt
        && pt.getActualTypeArguments()[0] instanceof Class<?> inner && inner.isInterface()
        && inner.getPackageName().equals("io.github.slothunter.spi")) {
      return Optional.of(guard(o.get(), (Class) inner));
    }
    return out;
  }

  void revive() {
    dead = false;
  }

  private void alive() {
    if (dead) {
      throw new Crash("already");
    }
  }

  /** Runs a call's work, dying before or after it if this is the chosen step. */
  private <T> T step(String call, Object arg, java.util.function.Supplier<T> work) {
    alive();
    boolean here = !crashed && point.call().equals(call) && point.when().test(arg);
    if (here && !point.afterWork()) {
      die();
    }
    T out = work.get();
    if (here) {
      die();
    }
    return out;
  }

  private void die() {
    kill(point.toString());
  }

  /** Kills the "process" now, from anywhere (a provider hook, say): this call and every later one throw. */
  void kill(String where) {
    crashed = true;
    dead = true;
    throw new Crash(where);
  }

  @Override
  public void saveWatch(Watch watch) {
    alive();
    delegate.saveWatch(watch);
  }

  @Override
  public void deleteWatch(String watchId) {
    alive();
    delegate.deleteWatch(watchId);
  }

  @Override
  public List<Watch> loadWatches() {
    alive();
    return delegate.loadWatches();
  }

  @Override
  public Set<String> watchIds() {
    alive();
    return delegate.watchIds();
  }

  @Override
  public Optional<Watch> loadWatch(String watchId) {
    alive();
    return delegate.loadWatch(watchId);
  }

  @Override
  public Map<String, Set<String>> announced(Collection<String> watchIds) {
    alive();
    return delegate.announced(watchIds);
  }

  @Override
  public Optional<TargetSnapshot> loadSnapshot(String targetId) {
    alive();
    return delegate.loadSnapshot(targetId);
  }

  @Override
  public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch) {
    savePoll(snapshot, changes, announcedByWatch, List.of(), null);
  }

  @Override
  public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch,
      List<SlotEvent> events, String publisher) {
    step("savePoll", snapshot, () -> {
      delegate.savePoll(snapshot, changes, announcedByWatch, events, publisher);
      return null;
    });
  }

  @Override
  public Set<String> announced(String watchId) {
    alive();
    return delegate.announced(watchId);
  }

  @Override
  public List<SlotChange> history(String targetId) {
    alive();
    return delegate.history(targetId);
  }

  @Override
  public Optional<BookingAttempt> attempt(String key) {
    alive();
    return delegate.attempt(key);
  }

  @Override
  public void saveAttempt(BookingAttempt attempt) {
    saveAttempt(attempt, List.of(), null);
  }

  @Override
  public void saveAttempt(BookingAttempt attempt, List<SlotEvent> events, String publisher) {
    step("saveAttempt", attempt, () -> {
      delegate.saveAttempt(attempt, events, publisher);
      return null;
    });
  }

  @Override
  public void saveEvents(List<SlotEvent> events, String publisher) {
    step("saveEvents", events, () -> {
      delegate.saveEvents(events, publisher);
      return null;
    });
  }

  @Override
  public List<SlotEvent> undelivered(String publisher) {
    alive();
    return delegate.undelivered(publisher);
  }

  @Override
  public void markDelivered(Collection<String> eventIds) {
    step("markDelivered", eventIds, () -> {
      delegate.markDelivered(eventIds);
      return null;
    });
  }

  @Override
  public List<BookingAttempt> attempts(String watchId) {
    alive();
    return delegate.attempts(watchId);
  }

  @Override
  public List<BookingAttempt> openAttempts() {
    alive();
    return delegate.openAttempts();
  }

  @Override
  public Optional<String> ownerPlan(String owner) {
    alive();
    return delegate.ownerPlan(owner);
  }

  @Override
  public void saveOwnerPlan(String owner, String planName) {
    alive();
    delegate.saveOwnerPlan(owner, planName);
  }

  @Override
  public TargetLeases leases() {
    return delegate.leases();
  }

  @Override
  public void close() {
    alive();
    delegate.close();
  }
}

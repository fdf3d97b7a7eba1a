package io.github.slothunter.core;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of plans an engine knows, plus the default plan for owners without one. Immutable and
 * thread-safe.
 */
public final class Plans {
  /** 1 watch, every 5 minutes, notifications only. */
  public static final Plan FREE = new Plan("FREE", 1, Duration.ofMinutes(5), false, 1);
  /** 10 watches, every minute, auto-booking. */
  public static final Plan PREMIUM = new Plan("PREMIUM", 10, Duration.ofMinutes(1), true, 2);
  /** Unlimited watches, every 30 seconds, auto-booking, higher priority. */
  public static final Plan PRO = new Plan("PRO", Plan.UNLIMITED, Duration.ofSeconds(30), true, 4).withAdaptive(true);
  /** Unlimited watches, every 15 seconds, auto-booking, highest priority. */
  public static final Plan ENTERPRISE = new Plan("ENTERPRISE", Plan.UNLIMITED, Duration.ofSeconds(15), true, 8).withAdaptive(true);

  private final Map<String, Plan> byName;
  private final Plan defaultPlan;
  private final Duration grace;

  private Plans(Map<String, Plan> byName, Plan defaultPlan, Duration grace) {
    this.byName = byName;
    this.defaultPlan = defaultPlan;
    this.grace = grace;
  }

  /** The product tiers FREE, PREMIUM, PRO, ENTERPRISE; FREE is the default. */
  public static Plans defaults() {
    return of(FREE, List.of(FREE, PREMIUM, PRO, ENTERPRISE));
  }

  /**
   * A custom set of plans.
   *
   * @param defaultPlan the plan of owners that have none; must be among {@code plans}
   */
  public static Plans of(Plan defaultPlan, Collection<Plan> plans) {
    Objects.requireNonNull(defaultPlan, "defaultPlan");
    Map<String, Plan> map = new LinkedHashMap<>();
    for (Plan p : plans) {
      if (map.putIfAbsent(p.name(), p) != null) {
        throw SlotHunterException.invalid("plans", "contain the name '" + p.name() + "' twice");
      }
    }
    if (!defaultPlan.equals(map.get(defaultPlan.name()))) {
      throw SlotHunterException.invalid("plans", "must contain the default plan " + defaultPlan.name());
    }
    return new Plans(java.util.Collections.unmodifiableMap(map), defaultPlan, Duration.ZERO);
  }

  /**
   * These plans with a grace period: a plan set with an end ({@code SlotHunter.setPlan(owner, plan,
   * until)}) keeps running this long past it before the owner falls back to the default plan.
   * Default zero.
   */
  public Plans withGrace(Duration value) {
    Objects.requireNonNull(value, "grace");
    if (value.isNegative()) {
      throw SlotHunterException.invalid("plans grace", "must not be negative: " + value);
    }
    return new Plans(byName, defaultPlan, value);
  }

  /** How long a plan keeps running past its end (see {@link #withGrace}). */
  public Duration grace() {
    return grace;
  }

  /** The plan with this name, if any. */
  public Optional<Plan> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The plan with this name; {@code NOT_FOUND} naming the known plans otherwise. */
  public Plan get(String name) {
    Plan p = byName.get(name);
    if (p == null) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "no plan named '" + name + "'; known: " + byName.keySet());
    }
    return p;
  }

  /** The plan of owners without one. */
  public Plan defaultPlan() {
    return defaultPlan;
  }

  /** Every plan, in the order given. */
  public Collection<Plan> all() {
    return byName.values();
  }
}

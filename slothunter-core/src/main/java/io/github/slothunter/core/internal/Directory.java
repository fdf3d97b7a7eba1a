package io.github.slothunter.core.internal;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.spi.FreeCalendar;
import io.github.slothunter.spi.SlotWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doctors and calendars read on demand, outside the poll schedule: links parsed by the providers,
 * doctor lookups (queued and cached by {@link Lookups}), searches and one-off free-slot reads, each
 * through the provider's budget; and a doctor resolved to the targets a watch request names.
 * Thread-safe: no state of its own beyond the thread-safe {@link Lookups}.
 */
final class Directory {
  private static final Logger log = LoggerFactory.getLogger(Directory.class);
  private static final Duration LOOKUP_WAIT = Duration.ofSeconds(30);

  private final EngineContext ctx;
  private final Clock clock;
  private final boolean manual;
  private final Map<String, ProviderRuntime> runtimes;
  private final Lookups lookups;

  Directory(EngineContext ctx, Lookups lookups) {
    this.ctx = ctx;
    this.clock = ctx.clock;
    this.manual = ctx.manual;
    this.runtimes = ctx.runtimes;
    this.lookups = lookups;
  }


  record Resolved(ProviderRuntime runtime, DoctorRef ref, List<Target> targets, Map<String, Long> prices,
      Map<String, SlotLabel> labels) {}

  Resolved resolveTarget(Target t) {
    ProviderRuntime rt = runtimes.get(t.providerId());
    if (rt == null) {
      throw SlotHunterException.invalid("target", "is on provider '" + t.providerId() + "', which is not registered; known: "
          + runtimes.keySet());
    }
    return new Resolved(rt, t.ref(), List.of(t), Map.of(), Map.of());
  }

  /** The watch's targets: the doctor's bookable services, narrowed to the request's center and service. */
  static Resolved resolve(WatchRequest req, ProviderRuntime runtime, Doctor doctor) {
    List<Target> list = new ArrayList<>();
    Map<String, Long> prices = new HashMap<>();
    Map<String, SlotLabel> labels = new HashMap<>();
    for (Center center : doctor.centers()) {
      if (req.centerId().isPresent() && !req.centerId().get().equals(center.id())) {
        continue;
      }
      for (Service service : center.services()) {
        if (req.serviceId().isPresent() && !req.serviceId().get().equals(service.id())) {
          continue;
        }
        if (service.bookable()) {
          Target t = new Target(doctor.ref(), center.id(), service.id(), service.providerKeys());
          list.add(t);
          if (service.price() != null) {
            prices.put(t.id(), service.price());
          }
          labels.put(t.id(), label(doctor, center, service));
        }
      }
    }
    if (list.isEmpty()) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND, "doctor " + doctor.ref() + " has no bookable service"
          + req.centerId().map(c -> " at center " + c).orElse("") + req.serviceId().map(s -> " with service " + s).orElse(""));
    }
    return new Resolved(runtime, doctor.ref(), list, prices, labels);
  }

  /**
   * What events about one of the doctor's calendars show (the records already hold names to the
   * length a label takes).
   */
  static SlotLabel label(Doctor doctor, Center center, Service service) {
    return new SlotLabel(doctor.displayName(), center.name(), service.title(), service.price(), null);
  }

  /** A link parsed by one provider. */
  public record ParsedLink(ProviderRuntime runtime, DoctorRef ref) {}

  public Optional<ParsedLink> parse(String link) {
    for (ProviderRuntime rt : runtimes.values()) {
      Optional<DoctorRef> ref;
      try {
        ref = rt.provider().parse(link);
      } catch (RuntimeException e) {
        log.warn("provider {} threw while parsing a link; treating it as not its link", rt.id(), e);
        continue;
      }
      if (ref.isPresent()) {
        return Optional.of(new ParsedLink(rt, ref.get()));
      }
    }
    return Optional.empty();
  }

  ParsedLink parseOrThrow(String link) {
    return parse(link).orElseThrow(() -> SlotHunterException.invalid("doctor link",
        "'" + abbreviate(link) + "' is not a doctor link of any registered provider " + runtimes.keySet()));
  }

  public Doctor lookup(String link) {
    ctx.ensureOpen();
    ParsedLink parsed = parseOrThrow(link);
    return lookup(parsed.runtime, parsed.ref);
  }

  /** Looks a doctor up by reference (cached like {@link #lookup(String)}). */
  public Doctor lookup(DoctorRef ref) {
    ctx.ensureOpen();
    return lookup(ctx.runtime(ref.providerId()), ref);
  }

  /** One page of a provider's doctor search, through its budget. */
  public List<io.github.slothunter.api.DoctorSummary> search(String providerId, io.github.slothunter.api.SearchQuery query) {
    ctx.ensureOpen();
    ProviderRuntime rt = ctx.runtime(providerId);
    io.github.slothunter.spi.DoctorSearch search = rt.provider().search().orElseThrow(() ->
        SlotHunterException.builder(ErrorCode.UNSUPPORTED).providerId(providerId)
            .message(providerId + " has no doctor search").build());
    try {
      return rt.call(BudgetGate.Use.URGENT, manual ? Duration.ZERO : LOOKUP_WAIT, () -> search.search(query));
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw exhausted(rt);
    }
  }

  /**
   * Looks a doctor up, or reuses a lookup younger than {@link Lookups#TTL}: a thousand users adding
   * the same doctor cost one request. Waits its turn in the provider's lookup queue.
   */
  private Doctor lookup(ProviderRuntime rt, DoctorRef ref) {
    return lookups.lookup(rt, ref);
  }

  /** Free slots of a target over its free days (at most {@code maxDays} days), through the budget. */
  public List<Slot> freeSlots(Target target, int maxDays) {
    ctx.ensureOpen();
    ProviderRuntime rt = ctx.runtime(target.providerId());
    Duration wait = manual ? Duration.ZERO : LOOKUP_WAIT;
    SlotWatcher w = rt.provider().slots();
    List<Slot> out = new ArrayList<>();
    try {
      FreeCalendar calendar = rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeCalendar(target));
      List<LocalDate> days = new ArrayList<>(calendar.freeDays());
      LocalDate through = calendar.daysThrough();
      if (through != null && days.size() < maxDays) { // the first days were not enough: look past the window
        for (LocalDate d : rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeDays(target))) {
          if (d.isAfter(through)) {
            days.add(d);
          }
        }
      }
      for (LocalDate day : days.subList(0, Math.min(days.size(), maxDays))) {
        Optional<List<Slot>> answered = calendar.slotsOf(day);
        out.addAll(answered.isPresent() ? answered.get()
            : rt.call(BudgetGate.Use.URGENT, wait, () -> w.freeSlots(target, day)));
      }
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw exhausted(rt);
    }
    out.sort(TargetState.BY_START);
    return out;
  }

  private SlotHunterException exhausted(ProviderRuntime rt) {
    return Lookups.budgetSpent(rt, clock, BudgetGate.Use.URGENT);
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 80) + "…";
  }
}

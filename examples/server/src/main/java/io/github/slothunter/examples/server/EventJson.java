package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterZones;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchHealthChanged;
import io.github.slothunter.api.WatchResumed;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Engine events as the JSON the live stream and webhooks carry:
 * {@code {"id", "type", "at", "watchId"?, ...}} where {@code id} is the engine's
 * {@link SlotEvent#id()} (the same in every process and after a restart: the deduplication key) and
 * {@code type} the event's simple class name ({@code SlotOpened}, {@code BookingSucceeded}...).
 * Events about a slot of a known calendar (opened, held, booked, failed, outcome unknown) carry its
 * {@code label} (doctor, center, service, price, distance from an area watch's point) and that label as
 * one line to read, {@code labelText {fa, en}}. Event types this server does not know yet (the
 * hierarchy grows) are sent with just those common
 * fields rather than failing. Never includes the owner (the receiver is the owner), the patient, or
 * the account session. Stateless and thread-safe.
 */
final class EventJson {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /**
   * The {@code type} of every engine event, in order: the leaves of the sealed {@link SlotEvent}
   * hierarchy, so a new event type is known here without an edit.
   */
  static final List<String> TYPES = leaves(SlotEvent.class).stream().map(Class::getSimpleName).sorted().toList();

  private EventJson() {}

  private static List<Class<?>> leaves(Class<?> type) {
    if (!type.isSealed()) {
      return List.of(type);
    }
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> sub : type.getPermittedSubclasses()) {
      out.addAll(leaves(sub));
    }
    return out;
  }

  /**
   * Event types a client named, checked against {@link #TYPES}.
   *
   * @param field the request field, named in the error
   * @throws ApiException 422 naming the first unknown type and listing the known ones
   */
  static Set<String> types(List<String> names, String field) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!TYPES.contains(name)) {
        throw ApiException.invalid("field '" + field + "[" + i + "]' is '" + name + "', which is no event type; use "
            + String.join(", ", TYPES) + " (or leave '" + field + "' out for every type)");
      }
      out.add(name);
    }
    return out;
  }

  /** The event's JSON, with its {@link SlotEvent#id()} as {@code id}. */
  static ObjectNode of(SlotEvent event) {
    ObjectNode n = Json.object();
    n.put("id", event.id());
    n.put("type", event.getClass().getSimpleName());
    n.put("at", event.at().toString());
    n.set("atText", Display.time(event.at()));
    if (event instanceof WatchEvent) {
      n.put("watchId", ((WatchEvent) event).watchId());
    }
    if (event instanceof SlotOpened) {
      SlotOpened e = (SlotOpened) event;
      n.set("slot", slot(e.slot()));
      n.put("bookingLink", e.bookingLink() == null ? null : e.bookingLink().toString());
    } else if (event instanceof SlotGone) {
      n.set("slot", slot(((SlotGone) event).slot()));
    } else if (event instanceof HoldPlaced) {
      HoldPlaced e = (HoldPlaced) event;
      n.set("slot", slot(e.hold().slot()));
      n.put("holdExpiresAt", e.hold().expiresAt().toString());
    } else if (event instanceof BookingSucceeded) {
      BookingSucceeded e = (BookingSucceeded) event;
      ObjectNode b = n.putObject("booking");
      b.put("trackingCode", e.booking().trackingCode());
      b.put("bookedAt", e.booking().bookedAt().toString());
      b.put("verified", e.verified());
      // "pay to confirm": the booking exists but is final only once paid on the provider's site
      b.put("paymentRequired", e.paymentRequired());
      if (e.paymentLink() != null) {
        b.put("paymentLink", e.paymentLink().toString());
      }
      b.set("slot", slot(e.booking().slot()));
    } else if (event instanceof BookingFailed) {
      BookingFailed e = (BookingFailed) event;
      n.set("slot", slot(e.slot()));
      n.put("code", e.code().name());
      n.put("reason", e.reason());
      n.put("willRetry", e.willRetry());
    } else if (event instanceof BookingOutcomeUnknown) {
      n.set("slot", slot(((BookingOutcomeUnknown) event).slot()));
    } else if (event instanceof HoldOutcomeUnknown e) {
      n.set("slot", slot(e.slot()));
      n.put("lapsesAt", e.lapsesAt().toString());
    } else if (event instanceof WatchPaused) {
      WatchPaused e = (WatchPaused) event;
      n.put("code", e.reason().name());
      n.put("message", e.message());
    } else if (event instanceof WatchResumed) {
      // the common fields say it all
    } else if (event instanceof ProviderThrottled) {
      ProviderThrottled e = (ProviderThrottled) event;
      n.put("provider", e.providerId());
      n.put("code", e.code().name());
      n.put("pauseSeconds", e.pause().toSeconds());
    } else if (event instanceof EventsDropped) {
      n.put("count", ((EventsDropped) event).count());
    } else if (event instanceof WatchHealthChanged) {
      WatchHealthChanged e = (WatchHealthChanged) event;
      n.put("previous", e.previous().name());
      n.put("current", e.current().name());
      if (e.reason() != null) {
        n.put("code", e.reason().name());
      }
    }
    // any later event type falls through here with the common fields
    SlotLabel label = SlotLabel.of(event);
    if (label != null) {
      n.set("label", label(label));
      n.set("labelText", Display.both(label.line(JalaliFormat.PERSIAN), label.line(JalaliFormat.ENGLISH)));
    }
    return n;
  }


  /**
   * A label's parts for programs: {@code {doctor, center, service, price, distanceKm}}, names empty and
   * numbers {@code null} when unknown.
   */
  static ObjectNode label(SlotLabel label) {
    ObjectNode n = Json.object();
    n.put("doctor", label.doctor());
    n.put("center", label.center());
    n.put("service", label.service());
    if (label.price() == null) {
      n.putNull("price");
    } else {
      n.put("price", label.price());
    }
    if (label.distanceKm() == null) {
      n.putNull("distanceKm");
    } else {
      n.put("distanceKm", Math.round(label.distanceKm() * 10) / 10.0);
    }
    return n;
  }

  /** A slot: ids, UTC instants, the start as Tehran wall-clock time and as text in both languages. */
  static ObjectNode slot(Slot s) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("targetId", Ids.targetKey(s.target().id()));
    n.put("target", s.target().id());
    n.put("start", s.start().toString());
    n.put("end", s.end().toString());
    n.put("startTehran", LOCAL.format(s.start().atZone(SlotHunterZones.TEHRAN)));
    n.set("startText", Display.dateTime(s.start()));
    return n;
  }
}

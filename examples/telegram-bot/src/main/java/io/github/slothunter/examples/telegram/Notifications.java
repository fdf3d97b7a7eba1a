package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.HoldOutcomeUnknown;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine events as chat messages: new slots (one message each up to the burst limit of
 * {@link SlotNotices}, the rest summarised by {@link #flush()}), holds, bookings and their failures,
 * pauses. Persist, then publish: the slots and bookings a message reports are added to the chat's
 * {@code /stats} counters in {@link BotStore} before the message is returned for sending.
 * Thread-safe.
 */
final class Notifications {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final SlotHunter hunter;
  private final WatchLabels labels;
  private final SlotNotices notices;
  private final BotStore store;
  private final LongFunction<Messages> messagesOf;

  Notifications(SlotHunter hunter, WatchLabels labels, SlotNotices notices, BotStore store,
      LongFunction<Messages> messagesOf) {
    this.hunter = hunter;
    this.labels = labels;
    this.notices = notices;
    this.store = store;
    this.messagesOf = messagesOf;
  }

  /** The messages for one engine event (often none). */
  List<Outgoing> onEvent(SlotEvent event) {
    if (event instanceof ProviderThrottled e) {
      log.info("provider {} throttled ({}), pausing {}", e.providerId(), e.code(), e.pause());
      return List.of();
    }
    if (event instanceof EventsDropped e) {
      log.warn("the engine dropped {} events because the bot fell behind", e.count());
      return List.of();
    }
    WatchEvent we = (WatchEvent) event;
    long chatId;
    try {
      chatId = Long.parseLong(we.owner());
    } catch (NumberFormatException e) {
      return List.of(); // a watch some other host registered on the same engine
    }
    Messages m = messagesOf.apply(chatId);
    String owner = we.owner();
    if (event instanceof SlotOpened e) {
      return notices.opened(e).map(slot -> {
        Outgoing message = slotMessage(chatId, m, owner, e, slot);
        store.add(chatId, BotStore.SLOTS_ANNOUNCED, 1);
        return List.of(message);
      }).orElse(List.of());
    }
    if (event instanceof SlotGone e) {
      notices.gone(e);
      return List.of();
    }
    if (event instanceof HoldPlaced e) {
      Slot slot = e.hold().slot();
      return send(chatId, m.notices().holdPlaced(labels.of(owner, slot.target(), e.label(), e.watchId()), slot));
    }
    if (event instanceof BookingSucceeded e) {
      return booked(chatId, m, owner, e);
    }
    if (event instanceof BookingFailed e) {
      return send(chatId, m.notices().bookingFailed(labels.of(owner, e.slot().target(), e.label(), e.watchId()),
          e.slot(), e.code(), e.reason(), e.willRetry()));
    }
    if (event instanceof BookingOutcomeUnknown e) {
      return send(chatId, m.notices().bookingUnknown(labels.of(owner, e.slot().target(), e.label(), e.watchId()),
          e.slot()));
    }
    if (event instanceof HoldOutcomeUnknown e) {
      return send(chatId, m.notices().holdUnknown(labels.of(owner, e.slot().target(), e.label(), e.watchId()),
          e.slot(), e.lapsesAt()));
    }
    if (event instanceof WatchPaused e) {
      return send(chatId, m.notices().paused(labels.ofWatch(e.watchId(), m), e.reason()));
    }
    if (event instanceof WatchResumed e) {
      return send(chatId, m.notices().resumed(labels.ofWatch(e.watchId(), m)));
    }
    return List.of();
  }

  private static List<Outgoing> send(long chatId, String text) {
    return List.of(new Outgoing.Send(chatId, text));
  }

  private List<Outgoing> booked(long chatId, Messages m, String owner, BookingSucceeded e) {
    Slot slot = e.booking().slot();
    log.info("chat {}: booked {} for watch {}", chatId, slot.id(), e.watchId());
    WatchLabel label = labels.of(owner, slot.target(), e.label(), e.watchId());
    Outgoing booked = new Outgoing.Send(chatId, e.paymentRequired()
        ? m.notices().bookedPayToConfirm(label, slot, e.booking().trackingCode(), e.booking().providerBookingKey(),
            e.paymentLink())
        : m.notices().booked(label, slot, e.booking().trackingCode(), e.booking().providerBookingKey()));
    store.add(chatId, BotStore.BOOKINGS, 1);
    return e.verified() ? List.of(booked) : List.of(booked, new Outgoing.Send(chatId, m.notices().unverified()));
  }

  /** A free slot: the member and its distance from the event's label, and the area's name for an area watch. */
  private Outgoing slotMessage(long chatId, Messages m, String owner, SlotOpened e, Slot slot) {
    WatchLabel label = labels.of(owner, slot.target(), e.label(), e.watchId());
    return new Outgoing.Send(chatId, m.notices().slotOpened(label, slot, label.price(), e.label().distanceKm(),
        areaName(m, e.watchId())),
        bookButton(m, e.bookingLink()));
  }

  /** The area watch's name, or {@code null} for a doctor watch (or a watch gone). */
  private String areaName(Messages m, String watchId) {
    return hunter.find(watchId).filter(w -> w.area() != null).map(w -> m.find().areaName(w.area())).orElse(null);
  }

  private static Keyboard bookButton(Messages m, URI link) {
    return link == null ? Keyboard.NONE : Keyboard.row(Button.link(m.notices().bookButton(), link));
  }

  /** Summaries of the slots the burst limit held back since the last flush; every slot in one is counted. */
  List<Outgoing> flush() {
    List<Outgoing> out = new ArrayList<>();
    for (SlotNotices.Held held : notices.drain()) {
      long chatId;
      try {
        chatId = Long.parseLong(held.owner());
      } catch (NumberFormatException e) {
        continue;
      }
      Messages m = messagesOf.apply(chatId);
      WatchLabel label = labels.of(held.owner(), held.slots().get(0).target(), held.label(), held.watchId());
      List<Slot> shown = held.slots().subList(0, Math.min(held.slots().size(), SlotNotices.MAX_LISTED));
      Outgoing summary = new Outgoing.Send(chatId, m.notices().moreSlots(label, shown, held.slots().size(),
          areaName(m, held.watchId())),
          bookButton(m, held.firstLink()));
      try {
        store.add(chatId, BotStore.SLOTS_ANNOUNCED, held.slots().size());
      } catch (RuntimeException e) {
        // not counted, so not sent: the other chats' summaries still go
        log.warn("chat {}: a summary of {} slots is dropped, the database did not count it", chatId,
            held.slots().size(), e);
        continue;
      }
      out.add(summary);
    }
    return out;
  }
}

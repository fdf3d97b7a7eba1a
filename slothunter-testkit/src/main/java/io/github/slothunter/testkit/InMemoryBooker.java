package io.github.slothunter.testkit;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Slot;
import io.github.slothunter.spi.Booker;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The booking calls of an {@link InMemoryProvider}: hold, book, move, release, cancel and read-back
 * on its calendars, with the failures and switches the provider scripts. Thread-safe: every call
 * holds the provider's lock.
 */
final class InMemoryBooker implements Booker {
  private final InMemoryProvider p;

  InMemoryBooker(InMemoryProvider p) {
    this.p = p;
  }

  @Override
  public Hold hold(Slot slot, AccountSession session) {
    return p.call(InMemoryProvider.Operation.HOLD, slot.target().id(), () -> {
      synchronized (p.lock) {
        if (!p.free(slot.target()).containsKey(slot.start())) {
          throw p.error(ErrorCode.SLOT_TAKEN, "taken " + slot.id());
        }
        Hold h = newHold(slot);
        if (p.takeAfterHold) {
          p.calendars.get(slot.target().id()).remove(slot.start());
        }
        if (p.loseHoldAnswers) {
          throw p.error(ErrorCode.PROVIDER_UNAVAILABLE, "answer lost after holding " + slot.id());
        }
        return h;
      }
    });
  }

  /** Call with the lock held. */
  private Hold newHold(Slot slot) {
    Hold h = new Hold(slot, "h" + ++p.sequence, p.clock.instant().plus(p.holdTtl));
    p.holds.put(h.providerHoldKey(), h);
    return h;
  }

  @Override
  public String holder(AccountSession session) {
    return InMemoryProvider.HOLDER;
  }

  @Override
  public java.time.Duration holdLifetime() {
    return p.holdTtl;
  }

  /** A repeated hold request, answered as {@link InMemoryProvider#reclaims} says. */
  @Override
  public Optional<Hold> reclaim(Slot slot, String holder, AccountSession session) {
    RepeatedHold answer = p.repeatedHold;
    if (answer == null) {
      return Booker.super.reclaim(slot, holder, session);
    }
    return p.call(InMemoryProvider.Operation.HOLD, slot.target().id(), () -> {
      synchronized (p.lock) {
        TreeMap<Instant, Slot> calendar = p.calendars.get(slot.target().id());
        if (calendar == null || !slot.equals(calendar.get(slot.start()))) {
          return Optional.<Hold>empty(); // gone: booked or taken
        }
        Optional<Hold> mine = InMemoryProvider.HOLDER.equals(holder) ? p.holds.values().stream()
            .filter(h -> h.slot().equals(slot)).findFirst() : Optional.empty();
        if (mine.isEmpty()) {
          return p.free(slot.target()).containsKey(slot.start()) ? Optional.of(newHold(slot)) : Optional.<Hold>empty();
        }
        switch (answer) {
          case SAME_HOLD:
            return mine;
          case NEW_HOLD:
            p.holds.remove(mine.get().providerHoldKey());
            return Optional.of(newHold(slot));
          default:
            return Optional.<Hold>empty();
        }
      }
    });
  }

  @Override
  public Booking book(Hold hold, Patient patient, AccountSession session) {
    return p.call(InMemoryProvider.Operation.BOOK, hold.slot().target().id(), () -> {
      synchronized (p.lock) {
        if (!p.holds.containsKey(hold.providerHoldKey())) {
          throw p.error(ErrorCode.HOLD_EXPIRED, "no hold " + hold.providerHoldKey());
        }
        p.holds.remove(hold.providerHoldKey());
        TreeMap<Instant, Slot> calendar = p.calendars.get(hold.slot().target().id());
        if (calendar == null || !hold.slot().equals(calendar.get(hold.slot().start()))) {
          throw p.error(ErrorCode.SLOT_TAKEN, "taken after hold " + hold.slot().id());
        }
        calendar.remove(hold.slot().start());
        String key = "b" + ++p.sequence;
        String tracking = "TRK" + p.trackingCodes++;
        Booking b = p.payToConfirm
            ? new Booking(hold.slot(), key, tracking, p.clock.instant(), PaymentState.PAY_TO_CONFIRM,
                URI.create("https://" + p.id + ".example/pay/" + key))
            : new Booking(hold.slot(), key, tracking, p.clock.instant());
        if (!p.loseBookings) {
          p.bookings.add(b);
          p.bookedFor.put(key, patient);
        }
        if (p.loseAnswers) {
          throw p.error(ErrorCode.PROVIDER_UNAVAILABLE, "answer lost after booking " + key);
        }
        return b;
      }
    });
  }

  @Override
  public Booking move(Booking existing, Hold newHold, AccountSession session) {
    if (!p.moves) {
      return Booker.super.move(existing, newHold, session);
    }
    if (existing.paymentRequired()) {
      throw p.error(ErrorCode.UNSUPPORTED, "booking " + existing.providerBookingKey() + " awaits payment");
    }
    return p.call(InMemoryProvider.Operation.MOVE, newHold.slot().target().id(), () -> {
      synchronized (p.lock) {
        if (!p.holds.containsKey(newHold.providerHoldKey())) {
          throw p.error(ErrorCode.HOLD_EXPIRED, "no hold " + newHold.providerHoldKey());
        }
        String key = existing.providerBookingKey();
        if (p.bookings.stream().noneMatch(b -> b.providerBookingKey().equals(key))) {
          throw p.error(ErrorCode.INVALID_INPUT, "no booking " + key);
        }
        p.holds.remove(newHold.providerHoldKey());
        TreeMap<Instant, Slot> calendar = p.calendars.get(newHold.slot().target().id());
        if (calendar != null) {
          calendar.remove(newHold.slot().start());
        }
        Booking moved = existing.movedTo(newHold.slot(), p.clock.instant());
        p.bookings.removeIf(b -> b.providerBookingKey().equals(key));
        p.bookings.add(moved);
        if (p.loseAnswers) {
          throw p.error(ErrorCode.PROVIDER_UNAVAILABLE, "answer lost after moving " + key);
        }
        return moved;
      }
    });
  }

  @Override
  public void release(Hold hold, AccountSession session) {
    p.run(InMemoryProvider.Operation.RELEASE, hold.slot().target().id(), () -> {
      synchronized (p.lock) {
        p.releasedHoldKeys.add(hold.providerHoldKey());
        p.holds.remove(hold.providerHoldKey());
      }
    });
  }

  @Override
  public void cancel(Booking booking, Patient patient, AccountSession session) {
    p.run(InMemoryProvider.Operation.CANCEL, booking.slot().target().id(), () -> {
      synchronized (p.lock) {
        p.bookings.removeIf(b -> b.providerBookingKey().equals(booking.providerBookingKey()));
      }
    });
  }

  @Override
  public Optional<Booking> readBack(Booking booking, AccountSession session) {
    if (!p.readBack) {
      return Booker.super.readBack(booking, session);
    }
    UnaryOperator<Booking> view = p.readBackView;
    return p.call(InMemoryProvider.Operation.READ_BACK, booking.slot().target().id(), () -> {
      synchronized (p.lock) {
        return p.bookings.stream().filter(b -> b.providerBookingKey().equals(booking.providerBookingKey()))
            .findFirst().map(view);
      }
    });
  }

  /** The kept booking on the slot's calendar at its start (there is one account: sessions are not checked). */
  @Override
  public Optional<Booking> findBooking(Slot slot, AccountSession session) {
    Objects.requireNonNull(slot, "slot");
    if (!p.readBack) {
      return Booker.super.findBooking(slot, session);
    }
    UnaryOperator<Booking> view = p.readBackView;
    return p.call(InMemoryProvider.Operation.FIND_BOOKING, slot.target().id(), () -> {
      synchronized (p.lock) {
        return p.bookings.stream().filter(b -> b.slot().target().id().equals(slot.target().id())
            && b.slot().start().equals(slot.start())).findFirst().map(view);
      }
    });
  }
}

package io.github.slothunter.store.jdbc;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: the process {@link KillNineTest} kills. It opens the embedded H2 store in the directory
 * given, writes one round of what the engine reports as done (a watch, a poll with its
 * {@code SlotOpened}, a booked attempt with its {@code BookingSucceeded}), prints {@code saved <round>}
 * once every call has returned, and waits to be killed.
 *
 * <p>Arguments: the store directory, the round number.
 */
public final class KilledWriter {
  static final String PUBLISHER = "killed-writer";

  private KilledWriter() {}

  /** The watch of a round. */
  static Watch watch(int round) {
    return Fixtures.autoBookWatch("w-" + round, "owner", target(round));
  }

  static Target target(int round) {
    return Fixtures.target("dr-" + round);
  }

  /** The booked attempt of a round. */
  static BookingAttempt attempt(int round) {
    return Fixtures.attempt(watch(round).id(), Fixtures.slot(target(round), round), BookingAttempt.State.BOOKED,
        Fixtures.T0.plusSeconds(round));
  }

  /** The events of a round, in the outbox until delivered. */
  static List<SlotEvent> events(int round) {
    Watch w = watch(round);
    BookingAttempt a = attempt(round);
    Instant at = Fixtures.T0.plusSeconds(round);
    return List.of(new SlotOpened(w.id(), w.owner(), a.slot(), java.net.URI.create("https://fake.example/book"), at),
        new BookingSucceeded(w.id(), w.owner(), new Booking(a.slot(), a.bookingKey(), a.trackingCode(), at), true, at));
  }

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    JdbcStore store = JdbcStore.h2(dir, TestDatabase.KEY);
    Watch w = watch(round);
    List<SlotEvent> events = events(round);
    store.saveWatch(w);
    store.savePoll(Fixtures.snapshot(target(round), Fixtures.T0.plusSeconds(round), attempt(round).slot()),
        List.of(Fixtures.opened(attempt(round).slot(), Fixtures.T0.plusSeconds(round))),
        Map.of(w.id(), Set.of(attempt(round).slot().id())), events.subList(0, 1), PUBLISHER);
    store.saveAttempt(attempt(round), events.subList(1, 2), PUBLISHER);
    System.out.println("saved " + round);
    System.out.flush();
    new CountDownLatch(1).await(); // never closed: the test kills this process
  }
}

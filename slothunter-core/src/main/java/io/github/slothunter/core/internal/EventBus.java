package io.github.slothunter.core.internal;

import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners off the polling threads. Each listener has its own bounded queue
 * and daemon thread, so a slow or throwing listener never delays polling or the other listeners.
 * When a queue is full the oldest event is dropped and counted; the listener then receives an
 * {@link EventsDropped} before its next event. Events reach each listener in publication order,
 * hence in order per watch.
 */
public final class EventBus implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<Channel> channels = new CopyOnWriteArrayList<>();
  private final int capacity;
  private final Clock clock;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final ArrayDeque<Delivery> early = new ArrayDeque<>();

  public EventBus(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Adds a listener; the returned runnable removes it. Events published while no listener was
   * registered (bounded by the capacity) are delivered to the first one.
   */
  public Runnable add(SlotListener listener) {
    Channel c = new Channel(listener);
    synchronized (early) {
      // events published before anyone listened (restored watches, crash reconciliation) go to the first listener
      if (channels.isEmpty()) {
        for (Delivery d : early) {
          d.expect(1);
          c.offer(d);
        }
        early.clear();
      }
      channels.add(c);
    }
    c.thread.start();
    return () -> {
      channels.remove(c);
      c.stop();
    };
  }

  public void publish(SlotEvent event) {
    publish(event, null);
  }

  /**
   * Publishes an event and runs {@code delivered} once every listener registered at publication
   * (or, before any listener, the first one) has handled it: its {@code onEvent} returned or threw,
   * or the event was dropped from a full queue (the listener then hears {@link EventsDropped}). An
   * event still queued when the bus closes is never reported delivered. {@code delivered} runs on
   * a listener's thread (or the publisher's, when a queue drops it) and must be quick.
   */
  public void publish(SlotEvent event, Runnable delivered) {
    published.incrementAndGet();
    Delivery d = new Delivery(event, delivered);
    List<Channel> now = List.copyOf(channels);
    if (now.isEmpty()) {
      synchronized (early) {
        now = List.copyOf(channels);
        if (now.isEmpty()) { // kept for the first listener
          if (early.size() >= capacity) {
            early.removeFirst().done();
            dropped.incrementAndGet();
          }
          early.addLast(d);
          return;
        }
      }
    }
    d.expect(now.size());
    for (Channel c : now) {
      c.offer(d);
    }
  }

  /** Events dropped over all listeners since start. */
  public long dropped() {
    return dropped.get();
  }

  public long published() {
    return published.get();
  }

  /** Delivers what is queued (waiting at most {@code timeout}), then stops the threads. */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Channel c : channels) {
      c.drain(deadline);
      c.stop();
    }
    channels.clear();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }

  private final class Channel implements Runnable {
    private final SlotListener listener;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Thread thread;
    private long droppedHere;
    private boolean stopped;
    private boolean busy;

    Channel(SlotListener listener) {
      this.listener = listener;
      this.thread = new Thread(this, "slothunter-events-" + THREADS.incrementAndGet());
      this.thread.setDaemon(true);
    }

    synchronized void offer(Delivery d) {
      if (stopped) {
        d.done(); // removed meanwhile: nobody here to wait for
        return;
      }
      if (queue.size() >= capacity) {
        queue.removeFirst().done();
        droppedHere++;
        dropped.incrementAndGet();
      }
      queue.addLast(d);
      notifyAll();
    }

    synchronized void stop() {
      stopped = true;
      notifyAll();
    }

    synchronized void drain(long deadlineNanos) {
      while ((!queue.isEmpty() || busy) && !stopped) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    @Override
    public void run() {
      while (true) {
        SlotEvent next;
        Delivery handled = null;
        synchronized (this) {
          busy = false;
          notifyAll();
          while (queue.isEmpty() && !stopped) {
            try {
              wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (stopped) {
            return;
          }
          if (droppedHere > 0) {
            next = new EventsDropped(droppedHere, clock.instant());
            droppedHere = 0;
          } else {
            handled = queue.removeFirst();
            next = handled.event;
          }
          busy = true;
        }
        try {
          listener.onEvent(next);
        } catch (RuntimeException | LinkageError | AssertionError e) { // a listener must never take the engine down
          log.warn("listener {} threw on {}", listener.getClass().getName(), next.getClass().getSimpleName(), e);
        }
        if (handled != null) {
          handled.done();
        }
      }
    }
  }

  /** An event on its way to the listeners, and what to run once they all handled it. */
  private static final class Delivery {
    final SlotEvent event;
    private final Runnable delivered;
    private final java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();

    Delivery(SlotEvent event, Runnable delivered) {
      this.event = event;
      this.delivered = delivered;
    }

    void expect(int listeners) {
      left.addAndGet(listeners);
    }

    void done() {
      if (left.decrementAndGet() <= 0 && delivered != null) {
        try {
          delivered.run();
        } catch (RuntimeException e) {
          log.warn("delivery callback failed", e);
        }
      }
    }
  }
}

package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotListener;
import io.github.slothunter.api.WatchEvent;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the engine's events and fans them out: to each owner's live streams (Server-Sent Events),
 * to the owner's webhooks, and, for {@link BookingSucceeded}, to the bookings table.
 *
 * <p>The engine is never held up: {@link #onEvent} only queues, one dispatcher thread turns events
 * into JSON once and routes them, and each connected dashboard has its own bounded frame queue
 * drained by a small sender pool, so a slow dashboard delays nobody else; one that falls
 * {@link Settings#streamQueue()} frames behind is disconnected (its {@code EventSource} reconnects
 * and resumes from {@code Last-Event-ID} using the owner's recent-events ring).
 *
 * <p><b>Ids.</b> An engine event's JSON (on the stream, in the recent-events list, in a webhook body
 * and its {@link Webhooks#EVENT_ID_HEADER}) carries the engine's {@link SlotEvent#id()}: derived from
 * what the event is about, the same after a restart and on every server sharing the database, so it
 * is what consumers deduplicate on. Events the server makes itself (the benchmark's, a webhook ping)
 * get {@code evt_} ids, which never collide with the engine's {@code ev_} ones. A stream frame's SSE
 * {@code id:} line is something else: this process's sequence number, only a cursor for
 * {@code Last-Event-ID} (it orders the replay ring and restarts at 1 with the process).
 *
 * <p><b>Duplicates.</b> The engine delivers at least once, so it may publish an event again under the
 * same id. The hub remembers the last {@link Settings#dedupIds()} ids sent to each owner (engine-wide
 * events share one such memory) and drops an event it has already sent: no second webhook delivery,
 * no second stream frame, no second ring entry. The memory is bounded ({@link RecentIds}) and lives
 * in this process only: after a restart, events the engine replays are sent again, with the ids they
 * had, and consumers drop them.
 *
 * <p>Browsers cannot put an {@code Authorization} header on an {@code EventSource}, so dashboards
 * first trade their key for a short-lived, single-use {@linkplain #issueTicket ticket} and pass it in
 * the stream URL; the key itself never appears in a URL or a log. Tickets and open streams are capped
 * per owner, so one owner cannot use up what the others need, and in total as a backstop
 * ({@link Settings}).
 *
 * <p>Thread-safe.
 */
final class EventHub implements SlotListener, AutoCloseable {
  /** How long a stream ticket stays valid. */
  static final Duration TICKET_TTL = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(EventHub.class);
  private static final String BROADCAST = "";
  /** Frames written with one flush at most. */
  private static final int BATCH = 256;

  private final Clock clock;
  private final Settings settings;
  private final Bookings bookings;
  private final WatchLabels labels;
  private final Webhooks webhooks;
  private final BlockingQueue<Object> inbox;
  private final Thread dispatcher;
  private final ExecutorService senders;
  private final Map<String, OwnerState> owners = new ConcurrentHashMap<>();
  /** Per owner ({@link #BROADCAST} for engine-wide events), the event ids already sent. Dispatcher thread only. */
  private final Map<String, RecentIds> sent = new HashMap<>();
  private final StreamTickets tickets;
  private final String instance = Ids.random("", 3);
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  EventHub(Clock clock, Settings settings, Bookings bookings, WatchLabels labels, Webhooks webhooks) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.bookings = Objects.requireNonNull(bookings, "bookings");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.tickets = new StreamTickets(clock, TICKET_TTL, settings.ticketsPerOwner(), settings.maxTickets());
    this.inbox = new LinkedBlockingQueue<>(settings.inboxCapacity());
    AtomicInteger n = new AtomicInteger();
    this.senders = Executors.newFixedThreadPool(settings.senderThreads(), r -> {
      Thread t = new Thread(r, "slothunter-sse-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.dispatcher = new Thread(this::dispatchLoop, "slothunter-event-hub");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  // ------------------------------------------------------------------ in

  /** The engine's listener: queues the event and returns at once. */
  @Override
  public void onEvent(SlotEvent event) {
    if (!inbox.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Sends a server-made event to one owner's streams (not to webhooks): used by the benchmark and for
   * notices that do not come from the engine.
   */
  void publish(String ownerId, String type, ObjectNode data) {
    if (!inbox.offer(new Synthetic(ownerId, type, data))) {
      dropped.incrementAndGet();
    }
  }

  private void dispatchLoop() {
    while (!closed.get()) {
      Object item;
      try {
        item = inbox.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (item == null) {
        continue;
      }
      try {
        if (item instanceof SlotEvent) {
          dispatch((SlotEvent) item);
        } else {
          Synthetic s = (Synthetic) item;
          long id = seq.incrementAndGet();
          ObjectNode json = s.data.deepCopy();
          json.put("id", syntheticId(id));
          json.put("type", s.type);
          json.put("at", clock.instant().toString());
          route(s.ownerId, new Frame(s.type, Json.writeAscii(json), id));
        }
      } catch (RuntimeException e) {
        log.warn("could not dispatch a {}", item.getClass().getSimpleName(), e);
      }
    }
  }

  /** A server-made event's id: {@code evt_}, never the engine's {@code ev_}. */
  private String syntheticId(long id) {
    return "evt_" + instance + "_" + id;
  }

  private void dispatch(SlotEvent event) {
    String eventId = event.id();
    String owner = event instanceof WatchEvent ? ((WatchEvent) event).owner() : BROADCAST;
    if (!sent.computeIfAbsent(owner, k -> new RecentIds(settings.dedupIds())).add(eventId)) {
      duplicates.incrementAndGet();
      log.debug("event {} was sent already; not sending it again", eventId);
      return;
    }
    long id = seq.incrementAndGet();
    ObjectNode json = EventJson.of(event);
    String type = json.get("type").asText();
    published.incrementAndGet();
    if (event instanceof WatchEvent) {
      if (event instanceof BookingSucceeded) {
        BookingSucceeded b = (BookingSucceeded) event;
        // the engine's and providers' booking lines (with the codes in clear) are kept off INFO by the
        // server's logging configuration; this one masks the tracking code
        log.info("booked a slot for watch {} (tracking code {}{})", b.watchId(), io.github.slothunter.api.Pii.maskCode(b.booking().trackingCode()),
            b.paymentRequired() ? "; pay to confirm" : "");
        try {
          bookings.record(owner, b, labels.find(b.watchId()).orElse(null));
        } catch (RuntimeException e) {
          log.warn("could not record booking of watch {}", b.watchId(), e);
        }
      } else if (event instanceof BookingFailed) {
        BookingFailed f = (BookingFailed) event;
        log.info("auto-booking for watch {} failed: {}{}", f.watchId(), f.code(), f.willRetry() ? " (will retry)" : "");
      }
      route(owner, new Frame(type, Json.writeAscii(json), id));
      webhooks.publish(owner, eventId, type, Json.write(json));
    } else {
      route(BROADCAST, new Frame(type, Json.writeAscii(json), id));
    }
  }

  private void route(String ownerId, Frame frame) {
    if (ownerId.equals(BROADCAST)) {
      for (OwnerState s : owners.values()) {
        s.offer(frame, settings.recentEvents());
      }
      return;
    }
    owners.computeIfAbsent(ownerId, k -> new OwnerState()).offer(frame, settings.recentEvents());
  }

  // ------------------------------------------------------------------ out

  /**
   * Issues a single-use stream ticket for the owner, valid {@link #TICKET_TTL}.
   *
   * @throws ApiException 429 when the owner holds {@link Settings#ticketsPerOwner()} unused tickets, or
   *     all owners together {@link Settings#maxTickets()}
   */
  StreamTickets.Ticket issueTicket(String ownerId) {
    return tickets.issue(ownerId);
  }

  /** The owner a ticket was issued to, consuming it; empty when unknown, used or expired. */
  Optional<String> redeem(String ticket) {
    return tickets.redeem(ticket);
  }

  /**
   * Checks, before the stream's headers are sent, that the owner may open another stream.
   *
   * @throws ApiException 429 when the owner already has {@link Settings#streamsPerOwner()} streams, or
   *     all owners together {@link Settings#maxStreams()}
   */
  void checkCapacity(String ownerId) {
    OwnerState state = owners.get(ownerId);
    if ((state != null && state.streams.size() >= settings.streamsPerOwner()) || streams.get() >= settings.maxStreams()) {
      throw ApiException.rateLimited(Duration.ofSeconds(30));
    }
  }

  /**
   * Starts streaming the owner's events to a connected client, after replaying what it missed
   * since {@code lastEventId} (when still in the recent ring). A client over the owner's or the total
   * stream limit (raced past {@link #checkCapacity}) is closed at once.
   */
  void attach(String ownerId, SseClient client, Long lastEventId) {
    OwnerState state = owners.computeIfAbsent(ownerId, k -> new OwnerState());
    Stream stream = new Stream(client, settings.streamQueue());
    synchronized (state) {
      if (state.streams.size() >= settings.streamsPerOwner() || streams.get() >= settings.maxStreams()) {
        client.close();
        return;
      }
      client.onClose(() -> detach(state, stream));
      client.keepAlive();
      ObjectNode hello = Json.object();
      hello.put("type", "ready");
      hello.put("lastEventId", seq.get());
      stream.offer(new Frame("ready", Json.writeAscii(hello), null));
      if (lastEventId != null) {
        for (Frame f : state.recent) {
          if (f.id != null && f.id > lastEventId) {
            stream.offer(f);
          }
        }
      }
      state.streams.add(stream);
      streams.incrementAndGet();
    }
    stream.schedule();
  }

  private void detach(OwnerState state, Stream stream) {
    synchronized (state) {
      if (state.streams.remove(stream)) {
        streams.decrementAndGet();
      }
    }
  }

  /** The owner's recent events (newest last), as sent on the stream. */
  List<String> recent(String ownerId, int limit) {
    OwnerState state = owners.get(ownerId);
    if (state == null) {
      return List.of();
    }
    synchronized (state) {
      List<String> all = new ArrayList<>();
      for (Frame f : state.recent) {
        all.add(f.data);
      }
      return all.subList(Math.max(0, all.size() - limit), all.size());
    }
  }

  /** Sends a comment to every stream so idle connections stay open through proxies; sweeps expired tickets. */
  void heartbeat() {
    Frame ping = new Frame(null, "keep-alive", null);
    for (OwnerState s : owners.values()) {
      synchronized (s) {
        for (Stream st : s.streams) {
          st.offer(ping);
          st.schedule();
        }
      }
    }
    tickets.sweep();
  }

  /** Connected streams. */
  int streams() {
    return streams.get();
  }

  /** Events the engine handed over and the hub dispatched (duplicates not counted). */
  long published() {
    return published.get();
  }

  /** Events the engine handed over again (an id already sent to the owner) that the hub dropped. */
  long duplicates() {
    return duplicates.get();
  }

  /** Events dropped because the hub's inbox was full. */
  long dropped() {
    return dropped.get();
  }

  /** Closes every stream and stops the threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    dispatcher.interrupt();
    for (OwnerState s : owners.values()) {
      List<Stream> copy;
      synchronized (s) {
        copy = new ArrayList<>(s.streams);
      }
      copy.forEach(st -> st.client.close());
    }
    senders.shutdown();
    try {
      dispatcher.join(2000);
      if (!senders.awaitTermination(2, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hub settings.
   *
   * @param inboxCapacity engine events waiting for the dispatcher before new ones are dropped
   * @param streamQueue frames one stream may fall behind before it is disconnected
   * @param streamsPerOwner concurrent streams per owner
   * @param maxStreams concurrent streams of all owners together (the backstop)
   * @param ticketsPerOwner unused stream tickets one owner may hold
   * @param maxTickets unused stream tickets of all owners together (the backstop)
   * @param senderThreads threads writing to streams
   * @param recentEvents events kept per owner for replay and the recent-events endpoint
   * @param dedupIds event ids remembered per owner to drop an event the engine publishes again
   *     ({@link RecentIds}: about 120 bytes each)
   */
  record Settings(int inboxCapacity, int streamQueue, int streamsPerOwner, int maxStreams, int ticketsPerOwner,
      int maxTickets, int senderThreads, int recentEvents, int dedupIds) {
    /** 20 streams and 20 unused tickets per owner; 10,000 of each in total; the last 10,000 event ids per owner. */
    static final Settings DEFAULTS = new Settings(100_000, 1_000, 20, 10_000, 20, 10_000, 4, 100, 10_000);

    Settings {
      if (inboxCapacity < 1 || streamQueue < 1 || streamsPerOwner < 1 || ticketsPerOwner < 1 || senderThreads < 1
          || recentEvents < 1 || dedupIds < 1) {
        throw new IllegalArgumentException("every event hub setting must be positive");
      }
      if (maxStreams < streamsPerOwner || maxTickets < ticketsPerOwner) {
        throw new IllegalArgumentException("a total limit must be at least the per-owner one");
      }
    }

    /** These settings with other stream limits. */
    Settings withStreamLimits(int perOwner, int total) {
      return new Settings(inboxCapacity, streamQueue, perOwner, total, ticketsPerOwner, maxTickets, senderThreads,
          recentEvents, dedupIds);
    }

    /** These settings with other ticket limits. */
    Settings withTicketLimits(int perOwner, int total) {
      return new Settings(inboxCapacity, streamQueue, streamsPerOwner, maxStreams, perOwner, total, senderThreads,
          recentEvents, dedupIds);
    }

    /** These settings remembering another number of event ids per owner. */
    Settings withDedupIds(int perOwner) {
      return new Settings(inboxCapacity, streamQueue, streamsPerOwner, maxStreams, ticketsPerOwner, maxTickets,
          senderThreads, recentEvents, perOwner);
    }
  }

  private record Synthetic(String ownerId, String type, ObjectNode data) {}

  /** An SSE frame; a comment when {@code event} is {@code null}. */
  private static final class Frame {
    final String event;
    final String data;
    final Long id;

    Frame(String event, String data, Long id) {
      this.event = event;
      this.data = data;
      this.id = id;
    }

    /** The frame in {@code text/event-stream} form; the data is one line of JSON (no raw line breaks). */
    void appendTo(StringBuilder out) {
      if (event == null) {
        out.append(": ").append(data).append('\n');
        return;
      }
      if (id != null) {
        out.append("id: ").append(id).append('\n');
      }
      out.append("event: ").append(event.replace("\r", "").replace("\n", "")).append('\n');
      out.append("data: ").append(data.replace("\r", "").replace("\n", "")).append("\n\n");
    }
  }

  private final class OwnerState {
    final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    final Deque<Frame> recent = new ArrayDeque<>();

    synchronized void offer(Frame frame, int keep) {
      recent.addLast(frame);
      while (recent.size() > keep) {
        recent.removeFirst();
      }
      for (Stream s : streams) {
        s.offer(frame);
        s.schedule();
      }
    }
  }

  /** One connected dashboard: its frame queue, drained by at most one sender at a time. */
  private final class Stream {

    final SseClient client;
    final BlockingQueue<Frame> queue;
    final AtomicBoolean scheduled = new AtomicBoolean();

    Stream(SseClient client, int capacity) {
      this.client = client;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(Frame f) {
      if (!queue.offer(f)) {
        log.debug("a stream fell {} events behind; disconnecting it", queue.size());
        queue.clear();
        client.close();
      }
    }

    void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          senders.execute(this::drain);
        } catch (RejectedExecutionException e) {
          scheduled.set(false);
        }
      }
    }

    /**
     * Writes up to {@link EventHub#BATCH} queued frames with one flush (Javalin's {@code SseClient} flushes
     * every event; under load the flushes, not the bytes, are the cost). Only this method writes to
     * the response after the headers, and never two at once for one stream.
     */
    private void drain() {
      try {
        StringBuilder out = new StringBuilder(256);
        Frame f;
        int n = 0;
        while (n < BATCH && (f = queue.poll()) != null) {
          f.appendTo(out);
          n++;
        }
        if (n > 0 && !client.terminated()) {
          jakarta.servlet.http.HttpServletResponse res = client.ctx().res();
          res.getOutputStream().write(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          res.flushBuffer();
        }
      } catch (java.io.IOException | RuntimeException e) {
        log.debug("a stream failed; closing it", e);
        queue.clear();
        client.close();
      } finally {
        scheduled.set(false);
      }
      if (!queue.isEmpty() && !client.terminated()) {
        schedule();
      }
    }
  }
}

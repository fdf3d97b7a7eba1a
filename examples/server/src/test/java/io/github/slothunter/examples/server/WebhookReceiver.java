package io.github.slothunter.examples.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver as a customer would write one, on 127.0.0.1: it verifies every delivery with
 * {@link WebhookSignature#verify}, refuses a replayed event id, answers with scripted statuses, and
 * records what it got.
 */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final Clock clock;
  private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
  private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();
  final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  volatile String secret;
  volatile CountDownLatch gate;

  WebhookReceiver(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        CountDownLatch g = gate;
        if (g != null) {
          g.await(30, TimeUnit.SECONDS);
        }
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
        String eventId = exchange.getRequestHeaders().getFirst(Webhooks.EVENT_ID_HEADER);
        boolean valid = secret != null
            && WebhookSignature.verify(secret, signature, body, clock.instant(), WebhookSignature.DEFAULT_TOLERANCE);
        Integer scripted = script.poll();
        int status;
        if (!valid) {
          status = 401;
        } else if (scripted != null) {
          status = scripted;
        } else {
          status = seenEvents.add(eventId) ? 200 : 409;
        }
        deliveries.add(new Delivery(body, signature, eventId,
            exchange.getRequestHeaders().getFirst(Webhooks.ATTEMPT_HEADER), valid, status,
            exchange.getRequestHeaders().getFirst("Host")));
        exchange.sendResponseHeaders(status, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next answers to give, before the normal ones. */
  void answer(Integer... statuses) {
    script.addAll(java.util.List.of(statuses));
  }

  Delivery next(Duration timeout) {
    try {
      Delivery d = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (d == null) {
        throw new AssertionError("no delivery within " + timeout);
      }
      return d;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  record Delivery(byte[] body, String signature, String eventId, String attempt, boolean valid, int answered,
      String host) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

}

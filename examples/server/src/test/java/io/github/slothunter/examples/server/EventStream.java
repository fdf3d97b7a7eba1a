package io.github.slothunter.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client for tests: parses frames into a queue that tests poll with a timeout. */
final class EventStream implements AutoCloseable {
  final int status;
  final String errorBody;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread reader;

  private EventStream(int status, String errorBody, InputStream body) {
    this.status = status;
    this.errorBody = errorBody;
    this.body = body;
    this.reader = body == null ? null : new Thread(this::read, "test-sse-reader");
    if (reader != null) {
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** Connects with a key (header) or none (the path then carries a ticket). */
  static EventStream open(TestServer s, String path, String key, String lastEventId) {
    HttpRequest.Builder b = s.request(path, key).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(5));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> r = s.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        try (InputStream in = r.body()) {
          return new EventStream(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        }
      }
      return new EventStream(200, null, r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (event != null || data.length() > 0) {
            frames.add(new Frame(id, event == null ? "message" : event, data.toString()));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** The next frame, or an AssertionError after the timeout. */
  Frame next(Duration timeout) {
    try {
      Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError("no event within " + timeout);
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame of this type, skipping others. */
  Frame next(String type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + type + " event within " + timeout);
      }
      Frame f = next(Duration.ofNanos(left));
      if (f.event.equals(type)) {
        return f;
      }
    }
  }

  @Override
  public void close() {
    if (body != null) {
      try {
        body.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }

  /** One SSE frame. */
  record Frame(String id, String event, String data) {
    JsonNode json() {
      return Json.read(data);
    }
  }
}

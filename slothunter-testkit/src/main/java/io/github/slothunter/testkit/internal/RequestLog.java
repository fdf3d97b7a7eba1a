package io.github.slothunter.testkit.internal;

import io.github.slothunter.testkit.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests a fake received: the newest {@code limit} in full, and a count per endpoint that is
 * never truncated. Thread-safe.
 */
public final class RequestLog {
  private final int limit;
  private final ArrayDeque<RecordedRequest> recent = new ArrayDeque<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private int total;

  /** A log keeping at most {@code limit} requests in full. */
  public RequestLog(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** Records one request. */
  public synchronized void add(RecordedRequest request) {
    if (recent.size() == limit) {
      recent.removeFirst();
    }
    recent.addLast(request);
    counts.merge(request.endpoint(), 1, Integer::sum);
    total++;
  }

  /** The kept requests, oldest first. */
  public synchronized List<RecordedRequest> all() {
    return List.copyOf(recent);
  }

  /** The kept requests to one endpoint, oldest first. */
  public synchronized List<RecordedRequest> of(String endpoint) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : recent) {
      if (r.endpoint().equals(endpoint)) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** How many requests reached {@code endpoint} since the last reset. */
  public synchronized int count(String endpoint) {
    return counts.getOrDefault(endpoint, 0);
  }

  /** How many requests arrived since the last reset. */
  public synchronized int count() {
    return total;
  }

  /** Forgets everything. */
  public synchronized void reset() {
    recent.clear();
    counts.clear();
    total = 0;
  }
}

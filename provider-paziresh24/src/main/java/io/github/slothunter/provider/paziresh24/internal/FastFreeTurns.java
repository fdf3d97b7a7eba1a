package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * A streaming reader for the common getFreeTurns answer, {@code {"status": 1, "result": [{"from": n,
 * "to": n, ...}, ...]}}, that skips building a JSON tree (the watcher's hot path). It only ever
 * answers for that exact shape; anything else (another status, a missing or odd field, malformed
 * JSON) gives {@code null} and the caller takes the general path, which classifies errors.
 */
final class FastFreeTurns {
  private FastFreeTurns() {}

  /** From, to pairs of unix seconds in the answer's order, or {@code null} to take the general path. */
  static long[] read(String body) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      boolean success = false;
      long[] times = null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("status")) {
          success = value == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == 1;
        } else if (name.equals("result") && value == JsonToken.START_ARRAY) {
          times = items(p);
          if (times == null) {
            return null;
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || !success || times == null) {
        return null;
      }
      return times;
    } catch (IOException | RuntimeException e) {
      return null; // the general path reports it properly
    }
  }

  private static long[] items(JsonParser p) throws IOException {
    long[] times = new long[64];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        return null;
      }
      long from = -1;
      long to = -1;
      for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("from") || name.equals("to")) {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          if (name.equals("from")) {
            from = p.getLongValue();
          } else {
            to = p.getLongValue();
          }
        } else {
          p.skipChildren();
        }
      }
      if (from < 0 || to < 0) {
        return null;
      }
      if (n + 2 > times.length) {
        times = Arrays.copyOf(times, times.length * 2);
      }
      times[n++] = from;
      times[n++] = to;
    }
    return Arrays.copyOf(times, n);
  }
}

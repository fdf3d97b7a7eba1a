package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotHunterException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Null-safe reading of the site's loosely typed JSON: ids come as numbers or strings, flags as
 * booleans, numbers or strings, and any field may be missing or {@code null}.
 */
final class Json {
  /** Shared and thread-safe once configured. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A scalar as text: strings stripped, integral numbers without a fraction; empty for anything else or blank. */
  static Optional<String> text(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    String s;
    if (node.isTextual()) {
      s = node.textValue().strip();
    } else if (node.isIntegralNumber()) {
      s = node.bigIntegerValue().toString();
    } else if (node.isNumber()) {
      s = node.decimalValue().stripTrailingZeros().toPlainString();
    } else {
      return Optional.empty();
    }
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** {@code text(node.path(field))}. */
  static Optional<String> text(JsonNode node, String field) {
    return node == null ? Optional.empty() : text(node.get(field));
  }

  /** A whole number given as a number or a numeric string; empty otherwise. */
  static OptionalLong integer(JsonNode node) {
    if (node == null) {
      return OptionalLong.empty();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return OptionalLong.of(node.longValue());
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue();
      try {
        return OptionalLong.of(d.longValueExact());
      } catch (ArithmeticException e) {
        return OptionalLong.empty();
      }
    }
    if (node.isTextual()) {
      String s = node.textValue().strip();
      if (s.isEmpty() || s.length() > 19) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(new BigDecimal(s).longValueExact());
      } catch (NumberFormatException | ArithmeticException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /**
   * JavaScript truthiness, as the site's frontend tests flags ({@code a && b}), except that the
   * strings {@code "0"} and {@code "false"} count as false: a conservative reading for a value that
   * is usually a boolean or a number.
   */
  static boolean truthy(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue().signum() != 0;
    }
    if (node.isTextual()) {
      String s = node.textValue().strip();
      return !s.isEmpty() && !s.equals("0") && !s.equalsIgnoreCase("false");
    }
    return true; // objects and arrays, even empty ones, are truthy in JavaScript
  }

  /**
   * The first value of a field with this name, searched breadth-first up to {@code maxDepth}
   * levels into objects (for envelopes the spec does not know, like the receipt's).
   */
  static Optional<String> findText(JsonNode root, String field, int maxDepth) {
    return findObject(root, field, maxDepth, v -> text(v).isPresent()).flatMap(o -> text(o.get(field)));
  }

  /**
   * The first object, searched breadth-first from {@code root} up to {@code maxDepth} levels deep,
   * whose field {@code field} is present and accepted by {@code usable}. Used to find the record
   * in an envelope of unknown shape and then read its sibling fields together.
   */
  static Optional<JsonNode> findObject(JsonNode root, String field, int maxDepth, Predicate<JsonNode> usable) {
    Deque<JsonNode> level = new ArrayDeque<>();
    level.add(root);
    for (int depth = 0; depth <= maxDepth && !level.isEmpty(); depth++) {
      Deque<JsonNode> next = new ArrayDeque<>();
      for (JsonNode node : level) {
        if (!node.isObject()) {
          continue;
        }
        JsonNode v = node.get(field);
        if (v != null && usable.test(v)) {
          return Optional.of(node);
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
          if (child.getValue().isObject()) {
            next.add(child.getValue());
          }
        }
      }
      level = next;
    }
    return Optional.empty();
  }

  /**
   * A map pin {@code {lat, lon}} (spec 3B {@code map}) as numbers or numeric strings; {@code null} when
   * absent, odd, 0,0 or out of range.
   */
  static GeoPoint point(JsonNode map) {
    if (map == null || !map.isObject()) {
      return null;
    }
    Optional<Double> lat = decimal(map.get("lat"));
    Optional<Double> lon = decimal(map.get("lon")).or(() -> decimal(map.get("lng")));
    if (lat.isEmpty() || lon.isEmpty() || lat.get() == 0 && lon.get() == 0) {
      return null; // 0,0 is "no pin", not the Gulf of Guinea
    }
    try {
      return new GeoPoint(lat.get(), lon.get());
    } catch (SlotHunterException e) {
      return null;
    }
  }

  private static Optional<Double> decimal(JsonNode node) {
    if (node != null && node.isNumber()) {
      return Optional.of(node.doubleValue());
    }
    return Json.text(node).flatMap(s -> {
      try {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }
}

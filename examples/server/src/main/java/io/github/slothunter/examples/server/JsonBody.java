package io.github.slothunter.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body as a JSON object, read strictly: anything that is not one JSON object, an
 * unknown field, or a field of the wrong type is a 422 {@code INVALID_INPUT} naming the field.
 * Text is checked for length and control characters but kept as sent (HTML and quotes included):
 * escaping is the job of whoever displays it. Not thread-safe (one per request).
 */
final class JsonBody {
  private final JsonNode node;
  private final String path;

  private JsonBody(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Parses a body that may only contain the given fields. */
  static JsonBody parse(byte[] body, Set<String> allowed) {
    if (body == null || body.length == 0) {
      throw ApiException.invalid("the request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.invalid("the request body could not be read");
    }
    return of(node, "", allowed);
  }

  private static JsonBody of(JsonNode node, String path, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw ApiException.invalid((path.isEmpty() ? "the request body" : "field '" + path + "'") + " must be a JSON object");
    }
    Set<String> unknown = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw ApiException.invalid("unknown field '" + qualified(path, printable(first)) + "'; allowed: "
          + new TreeSet<>(allowed));
    }
    return new JsonBody(node, path);
  }

  private static String qualified(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A field name made safe to echo: cut to 40 characters, control characters removed. */
  private static String printable(String name) {
    String s = name.codePoints().filter(c -> !Character.isISOControl(c)).limit(40)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return s.length() < name.length() ? s + "…" : s;
  }

  private JsonNode field(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private String name(String field) {
    return qualified(path, field);
  }

  /** A required text field: trimmed, 1 to {@code max} characters, no control characters. */
  String requiredString(String field, int max) {
    return optionalString(field, max).orElseThrow(() -> ApiException.invalid("field '" + name(field) + "' is required"));
  }

  /** An optional text field; blank counts as absent. */
  Optional<String> optionalString(String field, int max) {
    JsonNode v = field(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiException.invalid("field '" + name(field) + "' must be a string, not " + kind(v));
    }
    String s = v.textValue().strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.length() > max) {
      throw ApiException.invalid("field '" + name(field) + "' is too long (" + s.length() + " > " + max + " characters)");
    }
    if (s.chars().anyMatch(c -> Character.isISOControl(c))) {
      throw ApiException.invalid("field '" + name(field) + "' must not contain control characters");
    }
    return Optional.of(s);
  }

  /** An optional whole number within bounds. */
  Optional<Long> optionalLong(String field, long min, long max) {
    JsonNode v = field(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.invalid("field '" + name(field) + "' must be a whole number, not " + kind(v));
    }
    long n = v.longValue();
    if (n < min || n > max) {
      throw ApiException.invalid("field '" + name(field) + "' must be between " + min + " and " + max + ": " + n);
    }
    return Optional.of(n);
  }

  /**
   * An optional string, number or boolean as its text (a number as written), for values that are read
   * the same whether they come from JSON or a query string; blank counts as absent.
   */
  Optional<String> optionalScalar(String field, int max) {
    JsonNode v = field(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isTextual()) {
      return optionalString(field, max);
    }
    if (!v.isNumber() && !v.isBoolean()) {
      throw ApiException.invalid("field '" + name(field) + "' must be a string or a number, not " + kind(v));
    }
    return Optional.of(v.asText());
  }

  /** How errors name a field of this object: {@code field 'area.km'}. */
  String describe(String field) {
    return "field '" + name(field) + "'";
  }

  /** An optional boolean, {@code false} when absent. */
  boolean optionalBoolean(String field) {
    JsonNode v = field(field);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.invalid("field '" + name(field) + "' must be true or false, not " + kind(v));
    }
    return v.booleanValue();
  }

  /** An optional list of strings (each checked like {@link #requiredString}); empty when absent. */
  List<String> optionalStrings(String field, int maxItems, int maxLength) {
    JsonNode v = field(field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiException.invalid("field '" + name(field) + "' must be an array of strings, not " + kind(v));
    }
    if (v.size() > maxItems) {
      throw ApiException.invalid("field '" + name(field) + "' has too many items (" + v.size() + " > " + maxItems + ")");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw ApiException.invalid("field '" + name(field) + "[" + i + "]' must be a non-empty string");
      }
      String s = item.textValue().strip();
      if (s.length() > maxLength || s.chars().anyMatch(c -> Character.isISOControl(c))) {
        throw ApiException.invalid("field '" + name(field) + "[" + i + "]' is too long or has control characters");
      }
      out.add(s);
    }
    return out;
  }

  /** An optional nested object with its own allowed fields. */
  Optional<JsonBody> optionalObject(String field, Set<String> allowed) {
    JsonNode v = field(field);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(of(v, name(field), allowed));
  }

  /** A required nested object. */
  JsonBody requiredObject(String field, Set<String> allowed) {
    return optionalObject(field, allowed)
        .orElseThrow(() -> ApiException.invalid("field '" + name(field) + "' is required"));
  }

  private static String kind(JsonNode v) {
    switch (v.getNodeType()) {
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      default:
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

package io.github.slothunter.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 5545 reader for tests, independent of the writer: checks CRLF line ends, the
 * 75-octet limit and UTF-8 validity of every physical line, unfolds, splits parameters (quoted or
 * not) and unescapes TEXT values, rejecting unescaped commas and semicolons.
 */
final class IcsParser {

  /** One content line. */
  record Property(String name, Map<String, String> params, String value) {
    /** The value as TEXT, unescaped. */
    String text() {
      return unescape(value);
    }

    String param(String key) {
      return params.get(key);
    }
  }

  /** A {@code BEGIN:X ... END:X} block. */
  static final class Component {
    final String name;
    final List<Property> properties = new ArrayList<>();
    final List<Component> children = new ArrayList<>();

    Component(String name) {
      this.name = name;
    }

    Property one(String property) {
      List<Property> found = all(property);
      if (found.size() != 1) {
        throw new AssertionError(name + " has " + found.size() + " " + property + " properties: " + properties);
      }
      return found.get(0);
    }

    List<Property> all(String property) {
      return properties.stream().filter(p -> p.name().equals(property)).toList();
    }

    boolean has(String property) {
      return !all(property).isEmpty();
    }

    List<String> names() {
      return properties.stream().map(Property::name).toList();
    }

    List<Component> children(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
  }

  private IcsParser() {}

  /** The physical lines (between CRLFs) as UTF-8 bytes; fails on a bare CR or LF. */
  static List<byte[]> physicalLines(String ics) {
    if (!ics.endsWith("\r\n")) {
      throw new AssertionError("does not end with CRLF");
    }
    List<byte[]> lines = new ArrayList<>();
    for (String line : ics.substring(0, ics.length() - 2).split("\r\n", -1)) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new AssertionError("bare CR or LF in line: " + line);
      }
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** Parses the text into its VCALENDAR, checking every physical line first. */
  static Component parse(String ics) {
    for (byte[] line : physicalLines(ics)) {
      if (line.length > 75) {
        throw new AssertionError("line of " + line.length + " octets: " + new String(line, StandardCharsets.UTF_8));
      }
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
      } catch (CharacterCodingException e) {
        throw new AssertionError("a fold split a character", e);
      }
    }
    String unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    Deque<Component> open = new ArrayDeque<>();
    Component root = null;
    for (String line : unfolded.substring(0, unfolded.length() - 2).split("\r\n", -1)) {
      Property p = property(line);
      if (p.name().equals("BEGIN")) {
        Component c = new Component(p.value());
        if (open.isEmpty()) {
          if (root != null) {
            throw new AssertionError("two top-level components");
          }
          root = c;
        } else {
          open.peek().children.add(c);
        }
        open.push(c);
      } else if (p.name().equals("END")) {
        Component c = open.pop();
        if (!c.name.equals(p.value())) {
          throw new AssertionError("END:" + p.value() + " closes " + c.name);
        }
      } else {
        open.element().properties.add(p);
      }
    }
    if (!open.isEmpty() || root == null) {
      throw new AssertionError("unbalanced components");
    }
    return root;
  }

  /** {@code NAME *(;PARAM=VALUE) : VALUE}, parameter values optionally in double quotes. */
  static Property property(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') {
      i++;
    }
    String name = line.substring(0, i);
    if (!name.matches("[A-Z][A-Z0-9-]*")) {
      throw new AssertionError("bad property name in: " + line);
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (i < line.length() && line.charAt(i) == ';') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i + 1, eq);
      int j = eq + 1;
      String value;
      if (j < line.length() && line.charAt(j) == '"') {
        int close = line.indexOf('"', j + 1);
        value = line.substring(j + 1, close);
        j = close + 1;
      } else {
        int k = j;
        while (k < line.length() && line.charAt(k) != ';' && line.charAt(k) != ':') {
          k++;
        }
        value = line.substring(j, k);
        j = k;
      }
      params.put(key, value);
      i = j;
    }
    if (i >= line.length() || line.charAt(i) != ':') {
      throw new AssertionError("no value in: " + line);
    }
    return new Property(name, params, line.substring(i + 1));
  }

  /** Unescapes a single TEXT value; an unescaped comma or semicolon would make it a list, so it fails. */
  static String unescape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == ';') {
        throw new AssertionError("unescaped '" + c + "' in TEXT: " + value);
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char next = value.charAt(++i);
      switch (next) {
        case 'n', 'N' -> b.append('\n');
        case '\\', ';', ',' -> b.append(next);
        default -> throw new AssertionError("bad escape \\" + next + " in: " + value);
      }
    }
    return b.toString();
  }
}

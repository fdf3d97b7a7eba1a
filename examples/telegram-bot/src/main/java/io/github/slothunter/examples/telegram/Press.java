package io.github.slothunter.examples.telegram;

/**
 * A button press with its callback data split at {@code :} ({@code kind:flow:index} for menus of a
 * flow). Immutable.
 *
 * @param cb the press
 * @param parts the data's parts, at most three
 */
record Press(Incoming.Callback cb, String[] parts) {
  static Press of(Incoming.Callback cb) {
    return new Press(cb, cb.data().split(":", 3));
  }

  /** The button's kind: the data's first part. */
  String kind() {
    return parts[0];
  }

  /** The data's part {@code i}, empty when missing. */
  String arg(int i) {
    return parts.length > i ? parts[i] : "";
  }

  /** Whether the button belongs to the menu numbered {@code flow} (older menus are stale). */
  boolean ofFlow(int flow) {
    return arg(1).equals(Integer.toString(flow));
  }

  /** The third part as an index below {@code size}, or -1 when it is not one. */
  int index(int size) {
    try {
      int i = Integer.parseInt(arg(2));
      return i >= 0 && i < size ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

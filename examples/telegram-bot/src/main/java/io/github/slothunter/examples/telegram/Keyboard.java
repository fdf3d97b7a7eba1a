package io.github.slothunter.examples.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inline keyboard: rows of buttons. Immutable.
 *
 * @param rows the rows, top to bottom
 */
public record Keyboard(List<List<Button>> rows) {
  /** No keyboard. */
  public static final Keyboard NONE = new Keyboard(List.of());

  /** Telegram's limit on a button's callback data, in UTF-8 bytes. */
  public static final int MAX_CALLBACK_BYTES = 64;

  /** Copies. */
  public Keyboard {
    List<List<Button>> copy = new ArrayList<>();
    for (List<Button> row : rows) {
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
  }

  /** One button per row. */
  public static Keyboard column(List<Button> buttons) {
    return new Keyboard(buttons.stream().map(List::of).toList());
  }

  /** One row of buttons. */
  public static Keyboard row(Button... buttons) {
    return new Keyboard(List.of(List.of(buttons)));
  }

  /** Whether there are no buttons. */
  public boolean isEmpty() {
    return rows.stream().allMatch(List::isEmpty);
  }

  /** Every button, row by row. */
  public List<Button> buttons() {
    return rows.stream().flatMap(List::stream).toList();
  }

  /**
   * One button: either a callback button (sends {@code data} back to the bot) or a URL button
   * (opens {@code url}).
   *
   * @param text the label
   * @param data the callback data, or {@code null} for a URL button
   * @param url the link, or {@code null} for a callback button
   */
  public record Button(String text, String data, URI url) {
    /** Validates: exactly one of data and url; data within Telegram's 64-byte limit. */
    public Button {
      Objects.requireNonNull(text, "text");
      if ((data == null) == (url == null)) {
        throw new IllegalArgumentException("a button needs exactly one of data and url");
      }
      if (data != null && data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_BYTES) {
        throw new IllegalArgumentException("callback data longer than " + MAX_CALLBACK_BYTES + " bytes: " + data);
      }
    }

    /** A button that sends {@code data} to the bot. */
    public static Button callback(String text, String data) {
      return new Button(text, Objects.requireNonNull(data, "data"), null);
    }

    /** A button that opens a link. */
    public static Button link(String text, URI url) {
      return new Button(text, null, Objects.requireNonNull(url, "url"));
    }
  }
}

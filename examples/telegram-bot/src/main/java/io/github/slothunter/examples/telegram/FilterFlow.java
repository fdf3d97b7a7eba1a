package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.util.List;
import java.util.Optional;

/**
 * {@code /filter}: which days and hours a watch announces ({@link FilterParser}), asked for inline,
 * as the next message, or after a menu when the chat watches several doctors. The filter lives in the
 * engine's watch (re-registered by {@link WatchEditor}). Thread-safe; called under the chat's lock.
 */
final class FilterFlow {
  private final SlotHunter hunter;
  private final WatchLabels labels;
  private final WatchEditor editor;

  FilterFlow(SlotHunter hunter, WatchLabels labels, WatchEditor editor) {
    this.hunter = hunter;
    this.labels = labels;
    this.editor = editor;
  }

  /** {@code /filter}, with or without the days and hours. */
  void filter(ChatState st, String args, Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    if (watches.size() == 1) {
      Watch w = watches.get(0);
      if (!args.isEmpty()) {
        apply(st, w.id(), args, r);
        return;
      }
      st.step = new Step.AwaitingFilter(w.id());
      r.send(r.m.askFilter(labels.of(w, r.m), w.filter()));
      return;
    }
    List<Button> buttons = watches.stream()
        .map(w -> Button.callback("🗓 " + r.m.watchButton(labels.of(w, r.m)), "f:" + w.id())).toList();
    r.send(r.m.chooseWatchToFilter(), Keyboard.column(buttons));
  }

  /** A press on the watch menu. */
  void chosen(ChatState st, Press p, Reply r) {
    String watchId = p.arg(1);
    Optional<Watch> w = editor.own(r.owner(), watchId);
    if (w.isEmpty()) {
      r.stale(p.cb());
      return;
    }
    st.step = new Step.AwaitingFilter(watchId);
    r.answer(p.cb(), "");
    r.edit(p.cb(), r.m.askFilter(labels.of(w.get(), r.m), w.get().filter()), Keyboard.NONE);
  }

  /** The days and hours typed for a watch; the chat stays in the step when they are not understood. */
  void apply(ChatState st, String watchId, String text, Reply r) {
    FilterParser.DaysAndHours dh;
    try {
      dh = FilterParser.parse(text);
    } catch (FilterParser.BadFilterException e) {
      r.send(r.m.filterNotUnderstood(e.token())); // stay in the step: the user may try again
      return;
    }
    st.step = Step.IDLE;
    Optional<Watch> old = editor.own(r.owner(), watchId);
    if (old.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    SlotFilter f = old.get().filter();
    SlotFilter updated = new SlotFilter(f.from(), f.to(), dh.days(), dh.windows(), f.earliestOnly(), f.maxPrice());
    Watch w = editor.replace(r.owner(), old.get(), req -> req.filter(updated));
    r.send(r.m.filterSet(labels.of(w, r.m), updated));
  }
}

package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a chat's existing watches: the engine has no "update watch" call, so a change (a filter,
 * auto-booking on or off) cancels the watch and registers its replacement, putting the old one back
 * if that fails. Labels and announced slots are keyed by owner and calendar, so they carry over.
 * Thread-safe.
 */
final class WatchEditor {
  private static final Logger log = LoggerFactory.getLogger(WatchEditor.class);

  private final SlotHunter hunter;
  private final WatchLabels labels;

  WatchEditor(SlotHunter hunter, WatchLabels labels) {
    this.hunter = hunter;
    this.labels = labels;
  }

  /** The chat's own live watch with this id. */
  Optional<Watch> own(String owner, String watchId) {
    if (watchId.isEmpty()) {
      return Optional.empty();
    }
    return hunter.find(watchId).filter(w -> w.owner().equals(owner) && w.state() != WatchState.CANCELLED);
  }

  /**
   * Re-registers a watch with changes; if that fails it puts the old one back and rethrows.
   *
   * @return the new watch
   */
  Watch replace(String owner, Watch old, UnaryOperator<WatchRequest> change) {
    WatchRequest before = requestFor(owner, old);
    WatchRequest after = change.apply(before);
    hunter.cancel(old.id());
    try {
      Watch w = hunter.watch(after);
      log.info("watch {} of owner {} replaced by {}", old.id(), owner, w.id());
      return w;
    } catch (SlotHunterException e) {
      try {
        hunter.watch(before);
      } catch (SlotHunterException again) {
        e.addSuppressed(again);
        log.warn("watch {} of owner {} could not be restored after a failed change", old.id(), owner, again);
      }
      throw e;
    }
  }

  /** Re-registers a watch without auto-booking. */
  Watch withoutAutoBook(String owner, Watch w) {
    return replace(owner, w, req -> {
      if (req.area().isPresent()) {
        return WatchRequest.area(req.owner(), req.area().get()).filter(w.filter());
      }
      WatchRequest plain = req.target().isPresent() ? WatchRequest.of(req.owner(), req.target().get())
          : WatchRequest.of(req.owner(), req.link().orElseThrow());
      if (req.centerId().isPresent()) {
        plain = plain.center(req.centerId().get());
      }
      if (req.serviceId().isPresent()) {
        plain = plain.service(req.serviceId().get());
      }
      return plain.filter(w.filter());
    });
  }

  private WatchRequest requestFor(String owner, Watch w) {
    WatchLabel label = w.targets().size() == 1 ? labels.stored(owner, w.targets().get(0)) : null;
    WatchRequest req;
    if (w.area() != null) {
      req = WatchRequest.area(owner, w.area().query());
    } else if (label != null) {
      req = WatchRequest.of(owner, label.link()).center(label.centerId()).service(label.serviceId());
    } else {
      req = WatchRequest.of(owner, w.targets().get(0));
    }
    req = req.filter(w.filter());
    // a plan downgraded since the watch was made no longer allows auto-booking: keep the watch, drop the booking
    return w.autoBook() == null || !hunter.plan(owner).autoBook() ? req : req.autoBook(w.autoBook());
  }
}

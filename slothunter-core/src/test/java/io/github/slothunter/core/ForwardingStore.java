package io.github.slothunter.core;

import io.github.slothunter.api.Watch;
import io.github.slothunter.api.BookingAttempt;
import io.github.slothunter.api.SlotChange;
import io.github.slothunter.api.TargetSnapshot;
import io.github.slothunter.spi.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A store that hands every call to another one: tests override the calls they want to change. */
class ForwardingStore implements Store {
  final Store delegate;

  ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public void saveWatch(Watch watch) {
    delegate.saveWatch(watch);
  }

  @Override
  public void deleteWatch(String watchId) {
    delegate.deleteWatch(watchId);
  }

  @Override
  public List<Watch> loadWatches() {
    return delegate.loadWatches();
  }

  @Override
  public Optional<TargetSnapshot> loadSnapshot(String targetId) {
    return delegate.loadSnapshot(targetId);
  }

  @Override
  public void savePoll(TargetSnapshot snapshot, List<SlotChange> changes, Map<String, Set<String>> announcedByWatch) {
    delegate.savePoll(snapshot, changes, announcedByWatch);
  }

  @Override
  public Set<String> announced(String watchId) {
    return delegate.announced(watchId);
  }

  @Override
  public List<SlotChange> history(String targetId) {
    return delegate.history(targetId);
  }

  @Override
  public Optional<BookingAttempt> attempt(String key) {
    return delegate.attempt(key);
  }

  @Override
  public void saveAttempt(BookingAttempt attempt) {
    delegate.saveAttempt(attempt);
  }

  @Override
  public List<BookingAttempt> attempts(String watchId) {
    return delegate.attempts(watchId);
  }

  @Override
  public List<BookingAttempt> openAttempts() {
    return delegate.openAttempts();
  }

  @Override
  public Optional<String> ownerPlan(String owner) {
    return delegate.ownerPlan(owner);
  }

  @Override
  public void saveOwnerPlan(String owner, String planName) {
    delegate.saveOwnerPlan(owner, planName);
  }
}

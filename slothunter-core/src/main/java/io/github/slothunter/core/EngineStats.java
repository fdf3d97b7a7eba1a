package io.github.slothunter.core;

import java.util.List;

/**
 * The engine at a glance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param watches active watches
 * @param targets distinct targets polled (one poll stream each)
 * @param eventsPublished events handed to listeners
 * @param eventsDropped events dropped because listeners fell behind
 * @param providers per-provider request accounting
 */
public record EngineStats(int watches, int targets, long eventsPublished, long eventsDropped,
    List<ProviderStats> providers) {

  /** Copies. */
  public EngineStats {
    providers = List.copyOf(providers);
  }
}

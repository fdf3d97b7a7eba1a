package io.github.slothunter.api;

import java.util.List;

/**
 * One page of an area search.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits the doctors on this page, in the provider's order
 * @param total how many doctors match in all (as the provider counts them)
 * @param page this page's number, 1-based
 * @param more whether a later page has more
 */
public record AreaPage(List<AreaHit> hits, int total, int page, boolean more) {
  /** Validates and copies. */
  public AreaPage {
    hits = List.copyOf(hits);
    if (total < 0 || page < 1) {
      throw SlotHunterException.invalid("area page", "total must be >= 0 and page >= 1: " + total + ", " + page);
    }
  }
}

package io.github.slothunter.spi;

import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.Place;
import java.util.List;

/**
 * A provider's area search: one request looks at a page of doctors of one specialty in one city,
 * with each center's first free slot where the site gives it, so that an engine can watch a whole
 * area for the price of a few requests and read calendars only where something may match.
 *
 * <p>Every method may throw {@link io.github.slothunter.api.SlotHunterException} with the provider's
 * error codes. Thread-safe.
 */
public interface AreaSearch {
  /** The cities this provider can search, with the names people type for them. May cost a request. */
  List<Place> cities();

  /** The specialties this provider can search, with the names people type for them. May cost a request. */
  List<Place> specialties();

  /** The most doctors one page can hold (Paziresh24: 50). */
  int pageSize();

  /** One page of the area; one request. */
  AreaPage search(AreaPageRequest request);
}

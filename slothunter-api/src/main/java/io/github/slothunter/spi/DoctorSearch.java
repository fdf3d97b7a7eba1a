package io.github.slothunter.spi;

import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.SearchQuery;
import java.util.List;

/** Finds doctors by name, expertise or city. Thread-safe. */
public interface DoctorSearch {
  /** One page of results, in the provider's order; empty when nothing matches. */
  List<DoctorSummary> search(SearchQuery query);
}

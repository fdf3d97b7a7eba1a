package io.github.slothunter.api;

/**
 * What one area-search request asks a provider for, in the provider's own vocabulary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param city a city slug from {@code AreaSearch.cities()}
 * @param specialty a specialty slug from {@code AreaSearch.specialties()}
 * @param gender only doctors of this gender, or {@code null} for any
 * @param visitType only this kind of visit, or {@code null} for any
 * @param earliestFirst sort by each doctor's first free slot (Paziresh24 {@code sortBy=clinic_first_freeturn})
 * @param page 1-based page
 * @param limit doctors per page, at most the provider's page size
 */
public record AreaPageRequest(String city, String specialty, Gender gender, VisitType visitType, boolean earliestFirst,
    int page, int limit) {
  /** Validates. */
  public AreaPageRequest {
    city = Text.required("area city", city, Text.MAX_ID);
    specialty = Text.required("area specialty", specialty, Text.MAX_ID);
    if (page < 1 || limit < 1) {
      throw SlotHunterException.invalid("area page", "page and limit must be at least 1: " + page + ", " + limit);
    }
  }
}

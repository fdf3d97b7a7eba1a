package io.github.slothunter.api;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Static facts about a provider.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id stable lower-case id, for example {@code paziresh24}
 * @param name display name
 * @param zone the zone the provider's calendars are in
 * @param capabilities what it can do
 * @param defaultBudget the request budget that keeps us within the site's observed limits
 */
public record ProviderInfo(String id, String name, ZoneId zone, Set<Capability> capabilities,
    RequestBudget defaultBudget) {

  /** Validates and copies. */
  public ProviderInfo {
    id = DoctorRef.requireProviderId(id);
    name = Text.required("provider name", name, Text.MAX_NAME);
    Text.requirePresent("provider zone", zone);
    Text.requirePresent("provider capabilities", capabilities);
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    Text.requirePresent("provider defaultBudget", defaultBudget);
  }

  /** Whether the provider has the capability. */
  public boolean can(Capability capability) {
    return capabilities.contains(capability);
  }
}

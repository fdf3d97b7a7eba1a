package io.github.slothunter.api;

import java.util.List;

/**
 * A place (office, clinic, hospital, or the online-visit pseudo center) where a doctor sees patients.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the provider's center id
 * @param name the center's name
 * @param address street address; empty when the provider gives none (online visits)
 * @param city city name; empty when unknown
 * @param services the services offered there, in the provider's order
 */
public record Center(String id, String name, String address, String city, List<Service> services) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Center {
    id = Text.required("center id", id, Text.MAX_ID);
    name = Text.optional("center name", name, Text.MAX_NAME);
    address = Text.optional("center address", address, 1000);
    city = Text.optional("center city", city, Text.MAX_NAME);
    Text.requirePresent("center services", services);
    services = List.copyOf(services);
  }
}

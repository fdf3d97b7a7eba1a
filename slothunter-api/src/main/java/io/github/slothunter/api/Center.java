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
 * @param location the center's map pin (Paziresh24 profile {@code map{lat,lon}}, Doctoreto
 *     {@code place.coordinates}), or {@code null} when the provider gives none (online visits, centers
 *     without a pin)
 */
public record Center(String id, String name, String address, String city, List<Service> services,
    GeoPoint location) {

  /** Validates and copies; throws {@link ErrorCode#INVALID_INPUT} naming the bad field. */
  public Center {
    id = Text.required("center id", id, Text.MAX_ID);
    name = Text.optional("center name", name, Text.MAX_NAME);
    address = Text.optional("center address", address, 1000);
    city = Text.optional("center city", city, Text.MAX_NAME);
    Text.requirePresent("center services", services);
    services = List.copyOf(services);
  }

  /** A center without a known location (the shape before {@link #location()} existed). */
  public Center(String id, String name, String address, String city, List<Service> services) {
    this(id, name, address, city, services, null);
  }

  /** This center with its map pin ({@code null} for none). */
  public Center withLocation(GeoPoint location) {
    return new Center(id, name, address, city, services, location);
  }
}

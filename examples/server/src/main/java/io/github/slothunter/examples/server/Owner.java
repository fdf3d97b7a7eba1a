package io.github.slothunter.examples.server;

import java.time.Instant;
import java.util.Objects;

/**
 * An API customer: the engine's {@code owner} of its watches, with its own API key.
 *
 * @param id the owner id, also the engine's owner string ({@code own_...})
 * @param name a display name, shown as given (the dashboard escapes it)
 * @param createdAt when it was created
 */
record Owner(String id, String name, Instant createdAt) {
  Owner {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

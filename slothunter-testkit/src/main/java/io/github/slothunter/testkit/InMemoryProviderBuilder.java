package io.github.slothunter.testkit;

import io.github.slothunter.api.Capability;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Booker;
import java.time.Clock;
import java.util.Objects;

/** Builds an {@link InMemoryProvider}; not thread-safe. */
public final class InMemoryProviderBuilder {
  String id = InMemoryProvider.DEFAULT_ID;
  String name = "In-memory";
  Clock clock = Clock.systemUTC();
  RequestBudget budget = InMemoryProvider.DEFAULT_BUDGET;
  boolean booking = true;
  String linkPrefix;
  String code;

  InMemoryProviderBuilder() {}

  /**
   * The provider id (lower case, as {@link DoctorRef} requires); default {@value InMemoryProvider#DEFAULT_ID}.
   *
   * @throws SlotHunterException {@code INVALID_INPUT} for an id {@link DoctorRef} rejects
   */
  public InMemoryProviderBuilder id(String value) {
    this.id = new DoctorRef(Objects.requireNonNull(value, "id"), "x").providerId();
    return this;
  }

  /** The display name in {@link ProviderInfo#name()}; default {@code In-memory}. */
  public InMemoryProviderBuilder name(String value) {
    this.name = Objects.requireNonNull(value, "name");
    return this;
  }

  /** The clock for request times, holds, bookings and codes; default {@link Clock#systemUTC()}. */
  public InMemoryProviderBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** The default budget {@link ProviderInfo} announces; default {@link InMemoryProvider#DEFAULT_BUDGET}. */
  public InMemoryProviderBuilder budget(RequestBudget value) {
    this.budget = Objects.requireNonNull(value, "budget");
    return this;
  }

  /** Whether the provider can hold and book (has a {@link Booker}); default on. */
  public InMemoryProviderBuilder booking(boolean value) {
    this.booking = value;
    return this;
  }

  /**
   * What doctor links start with, followed by the doctor key; default the id and a colon
   * ({@code mem:}). A site-like prefix such as {@code https://doc.example/dr/} works too.
   */
  public InMemoryProviderBuilder linkPrefix(String value) {
    Objects.requireNonNull(value, "linkPrefix");
    if (value.isBlank()) {
      throw new IllegalArgumentException("linkPrefix must not be blank");
    }
    this.linkPrefix = value;
    return this;
  }

  /**
   * Gives the provider an SMS login ({@link Capability#LOGIN}) that accepts this one code for every
   * mobile, for {@link InMemoryProvider#CODE_TTL} after it is sent; sessions never expire. Default: no login.
   */
  public InMemoryProviderBuilder login(String code) {
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
    this.code = code;
    return this;
  }

  /** Builds the provider, with no doctors yet. */
  public InMemoryProvider build() {
    return new InMemoryProvider(this);
  }
}

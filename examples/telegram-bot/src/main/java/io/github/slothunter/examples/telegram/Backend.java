package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.Price;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.Providers;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bot's provider requests go: the real Paziresh24 (the provider's defaults, or whatever
 * {@code slothunter.paziresh24.*} system properties and {@code SLOTHUNTER_PAZIRESH24_*} environment
 * variables say), or, in the sandbox, the testkit's fake Paziresh24 running in this process on
 * {@code 127.0.0.1}.
 *
 * <p>The Paziresh24 provider only accepts paziresh24.com links, so in the sandbox the bot hands the
 * engine {@code https://www.paziresh24.com/dr/<slug>/} links and the provider fetches them from its
 * configured {@code base-url} (the fake); links to the fake itself are rewritten the same way.
 * The sandbox also polls faster: its plans keep the product's names and limits but check every
 * second or two. Immutable; {@link #close()} stops a fake this backend started.
 */
public final class Backend implements AutoCloseable {
  /** The real site, as the provider parses links. */
  public static final String SITE = "https://www.paziresh24.com";
  /** The sandbox's FREE plan: one doctor, checked every 2 seconds, no auto-booking. */
  public static final Plan SANDBOX_FREE = new Plan("FREE", 1, Duration.ofSeconds(2), false, 1);
  /** The sandbox's PREMIUM plan: ten doctors, checked every second, auto-booking. */
  public static final Plan SANDBOX_PREMIUM = new Plan("PREMIUM", 10, Duration.ofSeconds(1), true, 2);
  /** The sandbox's PRO plan. */
  public static final Plan SANDBOX_PRO = new Plan("PRO", Plan.UNLIMITED, Duration.ofSeconds(1), true, 4);
  /** The sandbox's ENTERPRISE plan. */
  public static final Plan SANDBOX_ENTERPRISE = new Plan("ENTERPRISE", Plan.UNLIMITED, Duration.ofMillis(500), true, 8);
  /** The sandbox's request budget: the fake has no rate limit, but the engine still enforces one. */
  public static final RequestBudget SANDBOX_BUDGET = RequestBudget.of(1200, 60_000, 4);

  private final Clock clock;
  private final FakePaziresh24 fake;
  private final boolean ownsFake;

  private Backend(Clock clock, FakePaziresh24 fake, boolean ownsFake) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fake = fake;
    this.ownsFake = ownsFake;
  }

  /** The real Paziresh24. */
  public static Backend real(Clock clock) {
    return new Backend(clock, null, false);
  }

  /** The testkit's demo fake ({@link Sandbox#demo(Clock, long)}), started now and stopped by {@link #close()}. */
  public static Backend sandbox(Clock clock, long seed) {
    return new Backend(clock, Sandbox.demo(clock, seed), true);
  }

  /** A fake someone else started (and will stop), for tests. */
  public static Backend fake(Clock clock, FakePaziresh24 fake) {
    return new Backend(clock, Objects.requireNonNull(fake, "fake"), false);
  }

  /** Whether requests go to a fake. */
  public boolean isSandbox() {
    return fake != null;
  }

  /** The fake, in the sandbox. */
  public Optional<FakePaziresh24> fakeSite() {
    return Optional.ofNullable(fake);
  }

  /** The clock of the engine and the providers. */
  public Clock clock() {
    return clock;
  }

  /** The product's plans, or their faster sandbox twins. */
  public Plans plans() {
    if (fake == null) {
      return Plans.of(Plans.FREE, List.of(Plans.FREE, Plans.PREMIUM.withPrice(PREMIUM_STARS),
          Plans.PRO.withPrice(PRO_STARS), Plans.ENTERPRISE.withPrice(ENTERPRISE_STARS)));
    }
    return Plans.of(SANDBOX_FREE, List.of(SANDBOX_FREE, SANDBOX_PREMIUM.withPrice(PREMIUM_STARS),
        SANDBOX_PRO.withPrice(PRO_STARS), SANDBOX_ENTERPRISE.withPrice(ENTERPRISE_STARS)));
  }

  /** What 30 days of each plan cost in Telegram Stars (about the seed's $9.99 / $19.99 / $99). */
  static final Price PREMIUM_STARS = new Price(500, BotPayments.STARS);
  static final Price PRO_STARS = new Price(1000, BotPayments.STARS);
  static final Price ENTERPRISE_STARS = new Price(5000, BotPayments.STARS);

  /** An engine builder with this backend's providers, clock and plans. */
  public SlotHunter.Builder hunter() {
    SlotHunter.Builder b = SlotHunter.builder().clock(clock).plans(plans());
    if (fake == null) {
      return b.providers(Providers.discover());
    }
    return b.providers(Providers.of(new Paziresh24ProviderFactory()))
        .providerConfig(Paziresh24ProviderFactory.ID, ProviderContext.BASE_URL, fake.baseUrl())
        .budget(Paziresh24ProviderFactory.ID, SANDBOX_BUDGET);
  }

  /**
   * A stand-alone Paziresh24 provider for the SMS login (the engine exposes no login API). Close it
   * when done.
   */
  public Provider loginProvider() {
    ProviderContext.Builder ctx = ProviderContext.builder(Paziresh24ProviderFactory.ID).clock(clock);
    if (fake != null) {
      ctx.config(ProviderContext.BASE_URL, fake.baseUrl());
    }
    return new Paziresh24ProviderFactory().create(ctx.build());
  }

  /** The link to give the engine for what a user sent (links to the fake become paziresh24.com links). */
  public String link(String userLink) {
    String s = userLink.strip();
    if (fake != null && s.startsWith(fake.baseUrl() + "/")) {
      return SITE + s.substring(fake.baseUrl().length());
    }
    return s;
  }

  /** The paziresh24.com profile link of a doctor slug. */
  public static String doctorLink(String slug) {
    return SITE + "/dr/" + slug + "/";
  }

  /** The sandbox's doctor links (empty for the real site). */
  public List<String> exampleLinks() {
    return fake == null ? List.of() : fake.slugs().stream().map(Backend::doctorLink).toList();
  }

  @Override
  public void close() {
    if (fake != null && ownsFake) {
      fake.close();
    }
  }

  @Override
  public String toString() {
    return fake == null ? "Backend[paziresh24.com]" : "Backend[sandbox " + fake.baseUrl() + "]";
  }
}

package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import io.github.slothunter.spi.ProviderFactory;
import io.github.slothunter.spi.Providers;
import io.github.slothunter.testkit.FakePaziresh24;
import io.github.slothunter.testkit.Sandbox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where the commands' requests go: the real sites (providers discovered on the class path,
 * configured by system properties and environment), or, with {@code --sandbox}, the testkit's fake
 * Paziresh24 started in-process on {@code 127.0.0.1}. Close it to stop the fake.
 *
 * <p>The Paziresh24 provider only accepts paziresh24.com links, so in the sandbox the CLI watches
 * the canonical {@code https://www.paziresh24.com/dr/<slug>/} link and the provider fetches it from
 * its configured {@code base-url} (the fake). Links the user pastes from the fake
 * ({@code http://127.0.0.1:PORT/dr/<slug>/}) are rewritten the same way. Not thread-safe.
 */
final class Backend implements AutoCloseable {
  /** The seed of the sandbox's scenario; the same seed replays the same demo. */
  static final long DEFAULT_SEED = 1405L;
  static final String SITE = "https://www.paziresh24.com";
  /** How many doctors the area sandbox has. */
  static final int AREA_DOCTORS = 300;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final Clock clock;
  private final FakePaziresh24 fake;

  private Backend(Clock clock, FakePaziresh24 fake) {
    this.clock = clock;
    this.fake = fake;
  }

  /** The real sites. */
  static Backend real(Clock clock) {
    return new Backend(clock, null);
  }

  /** A fake Paziresh24 running the testkit's demo scenario, started now. */
  static Backend sandbox(Clock clock, long seed) {
    noDelay();
    return new Backend(clock, Sandbox.demo(clock, seed));
  }

  /**
   * A fake Paziresh24 with {@value #AREA_DOCTORS} generated doctors in a few cities and specialties
   * ({@link Sandbox#area}), for area searches and watches, started now.
   */
  static Backend sandboxArea(Clock clock) {
    noDelay();
    return new Backend(clock, Sandbox.area(clock, DEFAULT_SEED, AREA_DOCTORS));
  }

  /** Either the area fake or the real sites, per the {@code --sandbox} flag. */
  static Backend area(Clock clock, boolean sandbox) {
    return sandbox ? sandboxArea(clock) : real(clock);
  }

  private static void noDelay() {
    // The JDK's HttpServer (under the fake) leaves Nagle on: each small answer then waits for a
    // delayed ACK (~40 ms on Linux). Read once, when the first server starts; an explicit -D wins.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  /** Either, per the {@code --sandbox} flag. */
  static Backend of(Clock clock, boolean sandbox) {
    return sandbox ? sandbox(clock, DEFAULT_SEED) : real(clock);
  }

  boolean isSandbox() {
    return fake != null;
  }

  /** The fake, in the sandbox. */
  Optional<FakePaziresh24> fake() {
    return Optional.ofNullable(fake);
  }

  /** An engine builder with this backend's providers and clock; the caller adds plans and budgets. */
  SlotHunter.Builder hunter() {
    SlotHunter.Builder b = SlotHunter.builder().clock(clock);
    if (fake != null) {
      b.providers(Providers.of(new Paziresh24ProviderFactory()))
          .providerConfig(Paziresh24ProviderFactory.ID, ProviderContext.BASE_URL, fake.baseUrl());
    } else {
      b.providers(Providers.discover());
    }
    return b;
  }

  /** The link to give the engine for what the user typed (fake links become canonical ones). */
  String link(String userLink) {
    String s = userLink.strip();
    if (fake != null && s.startsWith(fake.baseUrl() + "/")) {
      return SITE + s.substring(fake.baseUrl().length());
    }
    return s;
  }

  /** The canonical profile link of a doctor on the fake. */
  static String doctorLink(String slug) {
    return SITE + "/dr/" + slug + "/";
  }

  /** Links of every doctor on the fake; empty for the real sites. */
  List<String> sandboxDoctorLinks() {
    return fake == null ? List.of() : fake.slugs().stream().map(Backend::doctorLink).toList();
  }

  /**
   * A stand-alone provider (outside any engine) for login and self-checks. Close it after use.
   *
   * @throws SlotHunterException {@code NOT_FOUND} for an unknown provider id, {@code UNSUPPORTED}
   *     for a provider the sandbox does not fake
   */
  Provider provider(String providerId) {
    ProviderContext ctx = context(providerId).build();
    ProviderFactory factory = fake != null ? new Paziresh24ProviderFactory() : Providers.discover().get(providerId);
    return factory.create(ctx);
  }

  /**
   * The context {@link #provider} creates a provider with: system properties and environment,
   * and in the sandbox the fake's URL as {@code base-url}.
   *
   * @throws SlotHunterException {@code UNSUPPORTED} for a provider the sandbox does not fake
   */
  ProviderContext.Builder context(String providerId) {
    ProviderContext.Builder ctx = ProviderContext.builder(checkId(providerId)).clock(clock);
    if (fake != null) {
      if (!Paziresh24ProviderFactory.ID.equals(providerId)) {
        throw new SlotHunterException(ErrorCode.UNSUPPORTED, "the sandbox only fakes paziresh24, not " + providerId);
      }
      ctx.config(ProviderContext.BASE_URL, fake.baseUrl());
    }
    return ctx;
  }

  private static String checkId(String providerId) {
    if (providerId == null || !providerId.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw CliException.badInput("'" + providerId + "' is not a provider id (try paziresh24 or doctoreto)",
          "«" + providerId + "» نام سایت نوبت‌دهی نیست (paziresh24 یا doctoreto را امتحان کنید)");
    }
    return providerId;
  }

  /** Logs in with the SMS code through a stand-alone provider (the engine has no login API). */
  AccountSession login(String providerId, String mobile, CodeSource code) {
    try (Provider p = provider(providerId)) {
      Authenticator auth = p.authenticator().orElseThrow(() -> new SlotHunterException(ErrorCode.UNSUPPORTED,
          providerId + " has no SMS login SlotHunter can drive"));
      OtpChallenge challenge = auth.start(mobile);
      return auth.complete(challenge, code.code(challenge));
    }
  }

  /** Where the SMS code comes from. */
  @FunctionalInterface
  interface CodeSource {
    /** The code for this challenge (asks the user, or knows the sandbox's). */
    String code(OtpChallenge challenge);
  }

  /** The mobile of the sandbox's demo account, whose holder is the demo patient. */
  static final String SANDBOX_ACCOUNT_MOBILE = "09121234567";

  /**
   * In the sandbox: gives the fake's demo account a family (the demo patient as holder and a child), as
   * the site's {@code auth/me} would list them, and logs in to it. Every call in one run adds nothing new
   * once the family is there.
   *
   * @throws IllegalStateException outside the sandbox
   */
  AccountSession sandboxFamilyLogin() {
    if (fake == null) {
      throw new IllegalStateException("not the sandbox");
    }
    io.github.slothunter.api.Patient holder = DemoCommand.TEST_PATIENT;
    fake.accountHolder(SANDBOX_ACCOUNT_MOBILE, holder.firstName(), holder.lastName(), holder.nationalCode());
    if (fake.accountUsers(SANDBOX_ACCOUNT_MOBILE).size() < 2) {
      fake.addAccountUser(SANDBOX_ACCOUNT_MOBILE, "Test", "Child", "0012345679", "09351234567");
    }
    return login(Paziresh24ProviderFactory.ID, SANDBOX_ACCOUNT_MOBILE, c -> sandboxOtp());
  }

  /** The sandbox's SMS code. */
  static String sandboxOtp() {
    return FakePaziresh24.DEFAULT_OTP;
  }

  @Override
  public void close() {
    if (fake != null) {
      fake.close();
    }
  }
}

package io.github.slothunter.examples.cli;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.Paziresh24Config;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slothunter check <provider>}: a read-only live self-check. For Paziresh24, one line per
 * read-only endpoint the provider uses ({@link Paziresh24Check}: reachable or not, HTTP status and
 * time, the body {@code status} seen, whether the spec's fields are there) and a summary line, for
 * a user to paste into a bug report; for other providers, one line per SDK step (parse, search,
 * lookup, free days, free slots). Nothing is held, booked or sent by SMS.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Checks, read-only, that each endpoint a provider uses still works.",
    description = {
        "paziresh24: one line per read-only endpoint (search, profile page, slug lookup, full profile,",
        "availability-status, getFreeDays in both modes, getFreeTurns): host and path (no personal data),",
        "HTTP status and time, the body status seen, and 'shape OK' only when the fields the spec documents",
        "are there; then a summary line. Paste the output into a bug report.",
        "Other providers: 'OK <step> <millis>ms' or 'FAIL <step>: <why>' per SDK step.",
        "Never holds, books, logs in or sends an SMS. Exits non-zero if anything failed or differed.",
        "Doctoreto has no doctor search: 'check doctoreto' needs --doctor <link> (or --sandbox).",
        "The lines stay English (they are for bug reports); errors follow --lang.",
        "",
        "Examples:",
        "  slothunter check paziresh24",
        "  slothunter check paziresh24 --doctor <link>",
        "  slothunter check paziresh24 --sandbox",
        ""})
final class CheckCommand implements Callable<Integer> {
  /** How many search hits to try before giving up on finding a doctor with an online calendar. */
  static final int MAX_CANDIDATES = 5;

  @ParentCommand
  SlotHunterCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "<provider>", description = "paziresh24 or doctoreto.")
  String providerId;

  @Option(names = "--doctor", paramLabel = "<link>",
      description = "A public doctor to look up (default: the first search hit with an online calendar; "
          + "the first sandbox doctor with --sandbox).")
  String doctor;

  @Option(names = "--city", defaultValue = "tehran", paramLabel = "SLUG",
      description = "City slug for the search step (default ${DEFAULT-VALUE}).")
  String city;

  @Option(names = "--sandbox", description = "Check against the built-in fake Paziresh24 (no network).")
  boolean sandbox;

  @Option(names = "--base-url", paramLabel = "<url>",
      description = "One URL serving every host's paths (a mirror, a proxy); default: the provider's configured hosts.")
  String baseUrl;

  /** How long one request of the endpoint check may take when the provider configures no timeout. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
  /** saman.paziresh24.com serves availability-status (spec §1, §3C); config key {@value #SAMAN_URL}. */
  static final String SAMAN_URL = "saman-url";
  static final String DEFAULT_SAMAN_URL = "https://saman.paziresh24.com";
  /** The User-Agent of the endpoint check when none is configured: a desktop browser's, as the site sees. */
  static final String BROWSER_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private int firstFailureCode = ExitCodes.OK;

  @Override
  public Integer call() {
    Cli cli = root.cli();
    PrintWriter out = cli.out();
    String typed = doctor == null ? null : DoctorInput.check(doctor, sandbox); // before any request
    try (Backend backend = Backend.of(cli.clock(), sandbox); Provider provider = backend.provider(providerId)) {
      if (typed != null && provider.parse(backend.link(typed)).isEmpty()) {
        throw DoctorInput.notUnderstood(typed);
      }
      if (Paziresh24ProviderFactory.ID.equals(providerId)) {
        return endpoints(cli, backend, provider);
      }
      if (typed == null && !sandbox && provider.search().isEmpty()) {
        throw new UsageErrors.UsageError(spec.commandLine(), "check " + providerId + " needs --doctor <link>: "
            + providerId + " has no doctor search to find one", "check " + providerId + " به --doctor <link> نیاز"
            + " دارد: " + Errors.siteName(providerId) + " جست‌وجوی پزشک ندارد");
      }
      // without --doctor, a provider with a search checks its first hits (no parse step)
      String link = typed != null ? backend.link(typed) : sandbox ? backend.sandboxDoctorLinks().get(0) : null;
      Optional<DoctorRef> parsed = link == null ? Optional.empty()
          : step(cli, "parse", () -> provider.parse(link).orElseThrow(() -> DoctorInput.notUnderstood(link)));

      List<DoctorRef> candidates = new ArrayList<>();
      if (doctor != null || sandbox) {
        parsed.ifPresent(candidates::add);
      }
      boolean searchFailed = false;
      if (provider.search().isPresent()) {
        Optional<List<DoctorSummary>> hits = step(cli, "search",
            () -> provider.search().get().search(new SearchQuery("", city, "", 1)), r -> plural(r.size(), "doctor"));
        searchFailed = hits.isEmpty();
        if (candidates.isEmpty()) {
          hits.ifPresent(h -> h.stream().limit(MAX_CANDIDATES).map(DoctorSummary::ref).forEach(candidates::add));
        }
      } else {
        out.println("SKIP search: " + providerId + " has no doctor search");
      }
      if (candidates.isEmpty()) {
        if (searchFailed || (doctor != null && parsed.isEmpty())) {
          skip(out, "lookup", "free-days", "free-slots");
        } else {
          fail(cli, "lookup", CliException.badInput("the search found no doctor to look up; pass --doctor <link>",
              "جست‌وجو پزشکی برای بررسی پیدا نکرد؛ با --doctor <link> یکی را بدهید"));
          skip(out, "free-days", "free-slots");
        }
        return exitCode();
      }

      Optional<Target> target = step(cli, "lookup", () -> findTarget(provider, candidates),
          t -> t.ref().toString());
      if (target.isEmpty()) {
        skip(out, "free-days", "free-slots");
        return exitCode();
      }
      Optional<List<LocalDate>> days = step(cli, "free-days", () -> provider.slots().freeDays(target.get()),
          d -> plural(d.size(), "free day"));
      LocalDate day = days.filter(d -> !d.isEmpty()).map(d -> d.get(0))
          .orElseGet(() -> cli.clock().instant().atZone(JalaliFormat.ZONE).toLocalDate());
      step(cli, "free-slots", () -> provider.slots().freeSlots(target.get(), day),
          (List<Slot> s) -> plural(s.size(), "free slot") + " on " + JalaliFormat.ENGLISH.date(day));
      return exitCode();
    }
  }

  /** The Paziresh24 endpoint check: one line per endpoint, then the summary. */
  private int endpoints(Cli cli, Backend backend, Provider provider) {
    PrintWriter out = cli.out();
    Optional<String> slug = Optional.empty();
    String link = doctor != null ? backend.link(doctor.strip()) : sandbox ? backend.sandboxDoctorLinks().get(0) : null;
    if (link != null) {
      // parsed before: call() refuses a link the provider does not understand
      slug = provider.parse(link).map(DoctorRef::key);
    }
    ProviderContext.Builder b = backend.context(providerId);
    if (baseUrl != null) {
      b.config(ProviderContext.BASE_URL, baseUrl);
    }
    ProviderContext ctx = b.build();
    HttpUrl www = HttpUrl.get(ctx.url(Paziresh24Config.WWW_URL, Paziresh24Config.DEFAULT_WWW_URL));
    HttpUrl apigw = HttpUrl.get(ctx.url(Paziresh24Config.APIGW_URL, Paziresh24Config.DEFAULT_APIGW_URL));
    HttpUrl booking = "www".equalsIgnoreCase(ctx.config(Paziresh24Config.BOOKING_ENDPOINT, "apigw"))
        ? www.newBuilder().addPathSegment("api").build()
        : apigw.newBuilder().addPathSegments("booking/v2").build();
    Paziresh24Check.Hosts hosts = new Paziresh24Check.Hosts(www, apigw,
        HttpUrl.get(ctx.url(Paziresh24Config.DRPROFILE_URL, Paziresh24Config.DEFAULT_DRPROFILE_URL)),
        HttpUrl.get(ctx.url(SAMAN_URL, DEFAULT_SAMAN_URL)), booking);
    OkHttpClient http = Paziresh24Check.client(ctx.duration(ProviderContext.TIMEOUT, CHECK_TIMEOUT));
    List<Paziresh24Check.Line> lines;
    try {
      lines = new Paziresh24Check(http, hosts, ctx.config(ProviderContext.USER_AGENT, BROWSER_USER_AGENT))
          .run(slug, city);
    } finally {
      Paziresh24Check.close(http);
    }
    for (Paziresh24Check.Line line : lines) {
      out.println(line.format());
    }
    String bookingHost = booking.host() + booking.encodedPath();
    out.println(Paziresh24Check.summary(lines, bookingHost));
    out.flush();
    if (lines.stream().anyMatch(l -> l.outcome() == Paziresh24Check.Outcome.DIFF)) {
      return ExitCodes.FAILURE;
    }
    return lines.stream().anyMatch(l -> l.outcome() == Paziresh24Check.Outcome.FAIL) ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
  }

  /** The first candidate's first online-bookable calendar. */
  private static Target findTarget(Provider provider, List<DoctorRef> candidates) {
    RuntimeException last = null;
    for (DoctorRef ref : candidates) {
      try {
        Doctor d = provider.lookup(ref);
        List<Target> targets = d.bookableTargets();
        if (!targets.isEmpty()) {
          return targets.get(0);
        }
        last = CliException.badInput("doctor " + ref + " has no online-bookable service; pass --doctor <link>",
            "پزشک " + ref.key() + " خدمتی با نوبت‌دهی اینترنتی ندارد؛ با --doctor <link> پزشک دیگری بدهید");
      } catch (RuntimeException e) {
        last = e;
        if (candidates.size() == 1) {
          break;
        }
      }
    }
    throw last;
  }

  private static void skip(PrintWriter out, String... steps) {
    for (String s : steps) {
      out.println("SKIP " + s + ": needs an earlier step");
    }
    out.flush();
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private int exitCode() {
    return firstFailureCode;
  }

  private <T> Optional<T> step(Cli cli, String name, Supplier<T> call) {
    return step(cli, name, call, r -> "");
  }

  private <T> Optional<T> step(Cli cli, String name, Supplier<T> call, Function<T, String> note) {
    long t0 = System.nanoTime();
    try {
      T result = call.get();
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      String n = note.apply(result);
      cli.out().println(Ansi.GREEN.paint("OK", cli.color()) + " " + name + " " + ms + "ms"
          + (n.isEmpty() ? "" : " (" + n + ")"));
      cli.out().flush();
      return Optional.ofNullable(result);
    } catch (RuntimeException e) {
      fail(cli, name, e);
      return Optional.empty();
    }
  }

  private void fail(Cli cli, String name, RuntimeException e) {
    if (root.verbose()) {
      e.printStackTrace(cli.err());
    }
    if (firstFailureCode == ExitCodes.OK) {
      firstFailureCode = Math.max(ExitCodes.FAILURE, Errors.exitCode(e));
    }
    cli.out().println(Ansi.RED.paint("FAIL", cli.color()) + " " + name + ": " + Errors.sentence(e));
    cli.out().flush();
  }
}

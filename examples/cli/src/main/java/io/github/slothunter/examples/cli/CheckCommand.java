package io.github.slothunter.examples.cli;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code slothunter check <provider>}: a read-only live self-check of every endpoint the provider
 * uses, one line each. Nothing is held, booked or sent by SMS.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Checks, read-only, that each endpoint a provider uses still works.",
    description = {
        "Read-only self-check of a provider's endpoints: parse, search, lookup, free days, free slots.",
        "Prints 'OK <step> <millis>ms' or 'FAIL <step>: <why>' per step; exits non-zero if any step fails.",
        "",
        "Examples:",
        "  slothunter check paziresh24",
        "  slothunter check paziresh24 --doctor <link>",
        "  slothunter check paziresh24 --sandbox",
        ""})
final class CheckCommand implements Callable<Integer> {
  /** Links that exercise each provider's parser when no {@code --doctor} is given (no I/O). */
  static final Map<String, String> SAMPLE_LINKS = Map.of(
      "paziresh24", "https://www.paziresh24.com/dr/dr-ali-rezaei-0/",
      "doctoreto", "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ");
  /** How many search hits to try before giving up on finding a doctor with an online calendar. */
  static final int MAX_CANDIDATES = 5;

  @ParentCommand
  SlotHunterCommand root;

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

  private int firstFailureCode = ExitCodes.OK;

  @Override
  public Integer call() {
    Cli cli = root.cli();
    PrintWriter out = cli.out();
    try (Backend backend = Backend.of(cli.clock(), sandbox); Provider provider = backend.provider(providerId)) {
      String link = doctor != null ? backend.link(doctor)
          : sandbox ? backend.sandboxDoctorLinks().get(0) : SAMPLE_LINKS.get(providerId);
      Optional<DoctorRef> parsed = link == null ? Optional.empty()
          : step(cli, "parse", () -> provider.parse(link).orElseThrow(() -> CliException.badInput(
              "'" + link + "' is not a " + providerId + " doctor link")));

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
          fail(cli, "lookup", CliException.badInput(provider.search().isPresent()
              ? "the search found no doctor to look up; pass --doctor <link>" : "pass --doctor <link> to look one up"));
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
          (List<Slot> s) -> plural(s.size(), "free slot") + " on " + JalaliFormat.of(Lang.EN).date(day));
      return exitCode();
    }
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
        last = CliException.badInput("doctor " + ref + " has no online-bookable service; pass --doctor <link>");
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

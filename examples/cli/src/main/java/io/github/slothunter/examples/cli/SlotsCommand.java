package io.github.slothunter.examples.cli;

import io.github.slothunter.api.JalaliFormat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.SlotHunter;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code slothunter slots <doctor-link>}: a one-shot table of a doctor's free slots. */
@Command(name = "slots", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Lists a doctor's free slots, once.",
    description = {
        "Looks a doctor up and lists the free slots of each center and service over the next free days.",
        "Dates are Jalali, times are Tehran time; the ISO column is the exact instant.",
        "",
        "Examples:",
        "  slothunter slots https://www.paziresh24.com/dr/<slug>/",
        "  slothunter slots --sandbox dr-sara-ahmadi",
        "  (sandbox doctors: dr-sara-ahmadi, dr-reza-karimi, dr-maryam-hosseini)",
        ""})
final class SlotsCommand implements Callable<Integer> {
  @ParentCommand
  SlotHunterCommand root;

  @Parameters(paramLabel = "<doctor-link>", description = "A doctor's profile link or slug, as copied from the site.")
  String link;

  @Option(names = "--days", defaultValue = "3", paramLabel = "N",
      description = "How many free days to list per calendar (1-30, default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--lang", defaultValue = "en", paramLabel = "fa|en",
      description = "Language of dates and weekdays (default ${DEFAULT-VALUE}).")
  Lang lang;

  @Option(names = "--json", description = "One JSON object per slot instead of a table.")
  boolean json;

  @Option(names = "--sandbox", description = "Ask the built-in fake Paziresh24 instead of the real site (no network).")
  boolean sandbox;

  @Override
  public Integer call() {
    if (days < 1 || days > 30) {
      throw CliException.badInput("--days must be 1-30, not " + days);
    }
    Cli cli = root.cli();
    PrintWriter out = cli.out();
    try (Backend backend = Backend.of(cli.clock(), sandbox);
        SlotHunter hunter = backend.hunter().build()) {
      Doctor doctor = hunter.lookup(backend.link(link));
      Labels labels = new Labels();
      labels.add(doctor);
      JalaliFormat jf = lang.format();
      if (!json) {
        out.println(Ansi.BOLD.paint(doctor.displayName(), cli.color()) + "  (" + doctor.ref() + ")"
            + (doctor.expertises().isEmpty() ? "" : " · " + String.join("، ", doctor.expertises())));
      }
      int total = 0;
      boolean any = false;
      for (Center center : doctor.centers()) {
        for (Service service : center.services()) {
          if (!service.bookable()) {
            continue;
          }
          any = true;
          Target target = new Target(doctor.ref(), center.id(), service.id(), service.providerKeys());
          List<Slot> slots = hunter.freeSlots(target, days);
          total += slots.size();
          if (json) {
            printJson(out, labels, target, service, slots);
          } else {
            printTable(cli, jf, center, service, slots);
          }
        }
      }
      if (!json) {
        if (!any) {
          out.println("  this doctor has no service that can be booked online");
        } else {
          out.println();
          out.println(total + (total == 1 ? " free slot" : " free slots") + " over the next " + days
              + (days == 1 ? " free day" : " free days") + " of each calendar (Tehran time).");
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private void printTable(Cli cli, JalaliFormat jf, Center center, Service service, List<Slot> slots) {
    PrintWriter out = cli.out();
    StringBuilder head = new StringBuilder("\n  ")
        .append(center.name().isEmpty() ? "center " + center.id() : center.name());
    if (!center.city().isEmpty()) {
      head.append(", ").append(center.city());
    }
    head.append(" · ").append(service.title().isEmpty() ? "service " + service.id() : service.title());
    if (service.price() != null) {
      head.append(" · ").append(NumberFormat.getIntegerInstance(Locale.ROOT).format(service.price())).append(" rials");
    }
    head.append("  [center ").append(center.id()).append(", service ").append(service.id()).append(']');
    out.println(Ansi.CYAN.paint(head.toString(), cli.color()));
    if (slots.isEmpty()) {
      out.println("    no free slots");
      return;
    }
    JalaliFormat fa = JalaliFormat.PERSIAN;
    JalaliFormat en = JalaliFormat.ENGLISH;
    out.println(Ansi.DIM.paint(String.format(Locale.ROOT, "    %-12s %-22s %-7s %s", "JALALI", "WEEKDAY", "TEHRAN",
        "ISO INSTANT"), cli.color()));
    LocalDate lastDay = null;
    for (Slot s : slots) {
      Instant start = s.start();
      LocalDate day = start.atZone(JalaliFormat.ZONE).toLocalDate();
      String weekday = en.weekday(start) + " " + fa.weekday(start);
      String date = jf.date(start);
      if (day.equals(lastDay)) {
        date = "";
        weekday = "";
      }
      lastDay = day;
      out.println(String.format(Locale.ROOT, "    %-12s %-22s %-7s %s", date, weekday, jf.time(start), start));
    }
  }

  private static void printJson(PrintWriter out, Labels labels, Target target, Service service, List<Slot> slots) {
    EventPrinter printer = new EventPrinter(out, Lang.EN, true, false, labels);
    for (Slot s : slots) {
      ObjectNode o = EventPrinter.JSON.createObjectNode();
      o.put("type", "free_slot");
      printer.slotFields(o, s);
      if (service.price() != null) {
        o.put("price", service.price());
      }
      out.println(EventPrinter.encode(o));
    }
    if (slots.isEmpty()) {
      ObjectNode o = EventPrinter.JSON.createObjectNode();
      o.put("type", "no_free_slots");
      o.put("provider", target.providerId());
      o.put("doctorKey", target.ref().key());
      o.put("centerId", target.centerId());
      o.put("serviceId", target.serviceId());
      out.println(EventPrinter.encode(o));
    }
  }
}

package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.Target;
import io.github.slothunter.core.SlotHunter;
import java.io.PrintWriter;
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
        "Dates are Jalali, times are Tehran time; the ISO column is the exact instant (English only).",
        "With --lang fa everything is Persian: headers, weekdays, digits and amounts.",
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

  @Option(names = "--json", description = "One JSON object per slot instead of a table.")
  boolean json;

  @Option(names = "--sandbox", description = "Ask the built-in fake Paziresh24 instead of the real site (no network).")
  boolean sandbox;

  @Override
  public Integer call() {
    Lang lang = root.lang();
    if (days < 1 || days > 30) {
      throw CliException.badInput("--days must be 1-30, not " + days, "--days باید از ۱ تا ۳۰ باشد، نه "
          + JalaliFormat.PERSIAN.number(days));
    }
    String typed = DoctorInput.check(link, sandbox); // before the backend: a bad input makes no request
    Cli cli = root.cli();
    PrintWriter out = cli.out();
    try (Backend backend = Backend.of(cli.clock(), sandbox);
        SlotHunter hunter = backend.hunter().build()) {
      String canonical = backend.link(typed);
      hunter.parse(canonical).orElseThrow(() -> DoctorInput.notUnderstood(typed));
      Doctor doctor = hunter.lookup(canonical);
      Labels labels = new Labels();
      labels.add(doctor);
      if (!json) {
        String ref = lang.pick(doctor.ref().toString(),
            Errors.siteName(doctor.ref().providerId()) + ": " + doctor.ref().key());
        out.println(Ansi.BOLD.paint(doctor.displayName(), cli.color()) + "  (" + ref + ")"
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
            printJson(out, labels, target, slots);
          } else {
            printTable(cli, lang, center, service, slots);
          }
        }
      }
      if (!json) {
        if (!any) {
          out.println(lang.pick("  this doctor has no service that can be booked online",
              "  این پزشک خدمتی با نوبت‌دهی اینترنتی ندارد"));
        } else {
          out.println();
          JalaliFormat fa = JalaliFormat.PERSIAN;
          out.println(lang.pick(total + (total == 1 ? " free slot" : " free slots") + " over the next " + days
              + (days == 1 ? " free day" : " free days") + " of each calendar (Tehran time).",
              fa.number(total) + " نوبت آزاد در " + fa.number(days) + " روز آزاد پیش روی هر تقویم (به وقت تهران)."));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static void printTable(Cli cli, Lang lang, Center center, Service service, List<Slot> slots) {
    PrintWriter out = cli.out();
    JalaliFormat jf = lang.format();
    StringBuilder head = new StringBuilder("\n  ")
        .append(center.name().isEmpty() ? lang.pick("center ", "مرکز ") + jf.digits(center.id()) : center.name());
    if (!center.city().isEmpty()) {
      head.append(lang.pick(", ", "، ")).append(center.city());
    }
    head.append(" · ").append(service.title().isEmpty()
        ? lang.pick("service ", "خدمت ") + jf.digits(service.id()) : service.title());
    if (service.price() != null) {
      head.append(" · ").append(jf.rials(service.price()));
    }
    head.append(lang.pick("  [center " + center.id() + ", service " + service.id() + "]",
        "  [مرکز " + jf.digits(center.id()) + "، خدمت " + jf.digits(service.id()) + "]"));
    out.println(Ansi.CYAN.paint(head.toString(), cli.color()));
    if (slots.isEmpty()) {
      out.println(lang.pick("    no free slots", "    نوبت آزادی نیست"));
      return;
    }
    boolean en = lang == Lang.EN;
    // the exact instant is for scripts and bug reports: English only, as Persian has no Latin in it
    String row = en ? "    %-12s %-10s %-7s %s" : "    %-12s %-10s %s";
    out.println(Ansi.DIM.paint(en ? String.format(Locale.ROOT, row, "JALALI", "WEEKDAY", "TEHRAN", "ISO INSTANT")
        : String.format(Locale.ROOT, row, "تاریخ", "روز", "ساعت"), cli.color()));
    LocalDate lastDay = null;
    for (Slot s : slots) {
      Instant start = s.start();
      LocalDate day = start.atZone(JalaliFormat.ZONE).toLocalDate();
      String date = jf.date(start);
      String weekday = jf.weekday(start);
      if (day.equals(lastDay)) {
        date = "";
        weekday = "";
      }
      lastDay = day;
      out.println(en ? String.format(Locale.ROOT, row, date, weekday, jf.time(start), start)
          : String.format(Locale.ROOT, row, date, weekday, jf.time(start)).stripTrailing());
    }
  }

  private static void printJson(PrintWriter out, Labels labels, Target target, List<Slot> slots) {
    EventPrinter printer = new EventPrinter(out, Lang.EN, true, false, labels);
    for (Slot s : slots) {
      ObjectNode o = EventPrinter.JSON.createObjectNode();
      o.put("type", "free_slot");
      printer.slotFields(o, s, SlotLabel.UNKNOWN); // the looked-up doctor's label, with the service's price
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

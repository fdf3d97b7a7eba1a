package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.provider.paziresh24.Paziresh24ProviderFactory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code slothunter search <specialty> --city C}: one page of a site's area search (issue #24) as a
 * table, one row per doctor and center, earliest first free slot first.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Lists the doctors of a specialty in a city, earliest free slot first, once.",
    description = {
        "Asks the site's search once for the doctors of a specialty in a city and prints each doctor's centers:",
        "distance (with --near), price and the first free slot the search shows (Jalali, Tehran time).",
        "Cities and specialties may be typed in Persian or Latin letters; an unknown one names the closest.",
        "To be told when one of them frees a slot, use 'slothunter watch --specialty S --city C'.",
        "",
        "Examples:",
        "  slothunter search dermatology --city tehran",
        "  slothunter search پوست --city تهران --near 35.7219,51.3347 --km 5 --max-price 3000000 --lang fa",
        "  slothunter search --sandbox dermatology --city tehran --near 35.7,51.4 --km 8",
        "  (sandbox cities: tehran, mashhad, isfahan, shiraz, tabriz;",
        "   specialties: dermatology, cardiovascular, pediatrics, general-practitioner)",
        ""})
final class SearchCommand implements Callable<Integer> {
  /** What a table cell shows when the search does not say. */
  static final String NONE = "—";

  @ParentCommand
  SlotHunterCommand root;

  @Parameters(paramLabel = "<specialty>", description = "The specialty, as you would type it: dermatology, پوست.")
  String specialty;

  @Mixin
  AreaOptions area;

  @Option(names = "--max-price", paramLabel = "RIALS",
      description = "Only centers whose visit costs at most this many rials (centers without a price are kept).")
  Long maxPrice;

  @Option(names = "--provider", paramLabel = "ID", defaultValue = Paziresh24ProviderFactory.ID,
      description = "The site to search (default ${DEFAULT-VALUE}; Doctoreto has no area search).")
  String provider;

  @Option(names = "--sandbox",
      description = "Search the built-in fake Paziresh24 with a few hundred generated doctors (no network).")
  boolean sandbox;

  /**
   * One row: a doctor at one of their centers.
   *
   * @param member the doctor
   * @param center the center
   * @param distanceKm the center's distance from the point, or {@code null}
   */
  record Row(AreaMember member, AreaCenter center, Double distanceKm) {}

  @Override
  public Integer call() {
    Lang lang = root.lang();
    AreaQuery query = area.area(specialty, maxPrice).query(provider); // before the backend: no request on bad input
    Cli cli = root.cli();
    List<AreaMember> members;
    try (Backend backend = Backend.area(cli.clock(), sandbox); SlotHunter hunter = backend.hunter().build()) {
      members = hunter.areaSearch(query);
    } catch (SlotHunterException e) {
      throw AreaOptions.explained(e);
    }
    print(cli, lang, query, rows(query, members));
    return ExitCodes.OK;
  }

  /** One row per doctor and kept center, earliest first free slot first (none last), then nearest. */
  static List<Row> rows(AreaQuery query, List<AreaMember> members) {
    List<Row> rows = new ArrayList<>();
    for (AreaMember m : members) {
      for (AreaCenter c : m.centers()) {
        rows.add(new Row(m, c, c.location() == null ? null : query.distanceKm(c.location())));
      }
    }
    rows.sort(Comparator.comparing((Row r) -> r.center().firstFree(), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Row::distanceKm, Comparator.nullsLast(Comparator.naturalOrder())));
    return rows;
  }

  private static void print(Cli cli, Lang lang, AreaQuery query, List<Row> rows) {
    PrintWriter out = cli.out();
    JalaliFormat jf = lang.format();
    if (rows.isEmpty()) {
      out.println(AreaOptions.noneMatch(lang, query) + lang.pick(" on one page of the site's search.",
          " در یک صفحه از جست‌وجوی سایت."));
      out.flush();
      return;
    }
    List<List<String>> table = table(lang, query, rows);
    int[] widths = new int[table.get(0).size()];
    for (List<String> row : table) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < table.size(); r++) {
      String text = line(table.get(r), widths);
      out.println(r == 0 ? Ansi.DIM.paint(text, cli.color()) : text);
    }
    long doctors = rows.stream().map(r -> r.member().ref()).distinct().count();
    out.println();
    out.println(lang.pick(doctors + (doctors == 1 ? " doctor" : " doctors") + " at " + rows.size()
        + (rows.size() == 1 ? " center" : " centers") + ", earliest free slot first (one page of the site's search;"
        + " Tehran time; a slot may be gone by now).",
        jf.number(doctors) + " پزشک در " + jf.number(rows.size()) + " مرکز، به ترتیب نخستین نوبت آزاد (یک صفحه از"
            + " جست‌وجوی سایت؛ به وقت تهران؛ شاید نوبتی تا اکنون گرفته شده باشد)."));
    out.flush();
  }

  /** The header and one line of cells per row; a distance column only when the query has a point. */
  static List<List<String>> table(Lang lang, AreaQuery query, List<Row> rows) {
    JalaliFormat jf = lang.format();
    boolean distance = query.point() != null;
    List<List<String>> table = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(lang.pick("DOCTOR", "پزشک"), lang.pick("CENTER", "مرکز")));
    if (distance) {
      head.add(lang.pick("DISTANCE", "فاصله"));
    }
    head.addAll(List.of(lang.pick("PRICE", "هزینه"), lang.pick("EARLIEST SLOT", "نخستین نوبت آزاد")));
    table.add(head);
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.member().displayName());
      cells.add(r.center().name().isEmpty() ? lang.pick("center ", "مرکز ") + jf.digits(r.center().centerId())
          : r.center().name());
      if (distance) {
        cells.add(r.distanceKm() == null ? NONE : jf.kilometres(r.distanceKm()));
      }
      cells.add(r.center().price() == null ? NONE : jf.rials(r.center().price()));
      Instant first = r.center().firstFree();
      cells.add(first == null ? NONE : jf.slot(first));
      table.add(cells);
    }
    return table;
  }

  /** One row's cells, each padded to its column's width. */
  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i)).append(i == cells.size() - 1 ? "" : " ".repeat(widths[i] - cells.get(i).length() + 2));
    }
    return line.toString().stripTrailing();
  }
}

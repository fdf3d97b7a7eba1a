package io.github.slothunter.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.GeoPoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  @TempDir
  Path home;

  @Test
  void sandboxSearchPrintsDoctorsCentersPricesAndEarliestSlotsEarliestFirst() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "dermatology", "--city", "tehran", "--near", "35.6892,51.3890");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).contains("DOCTOR").contains("CENTER").contains("DISTANCE").contains("PRICE")
        .contains("EARLIEST SLOT");
    List<String> rows = lines.stream().filter(l -> l.matches(".*14\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d$")).toList();
    assertThat(rows).hasSizeGreaterThan(5).anyMatch(l -> l.contains("rials")).allMatch(l -> l.contains("دکتر"));
    assertThat(run.out()).containsPattern("\\d+ doctors? at \\d+ centers?, earliest free slot first");
    // Jalali yyyy/MM/dd HH:mm sorts as text in time order
    List<String> slots = rows.stream().map(l -> l.replaceAll(".*(14\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d)$", "$1"))
        .toList();
    assertThat(slots).isSorted();
  }

  @Test
  void theDistanceColumnShowsEachCentersDistanceFromThePoint() {
    // the fake's search pages carry no map pins (as the site's, spec 9): the table is checked on its own
    AreaQuery q = AreaQuery.builder("paziresh24", "x", "y").near(new GeoPoint(35.0, 51.0)).build();
    AreaCenter pinned = new AreaCenter("c1", "Mehr", new GeoPoint(35.1, 51.0), Instant.parse("2026-03-21T05:30:00Z"),
        1_500_000L);
    AreaCenter unpinned = new AreaCenter("2", "", null, null, null);
    AreaMember m = new AreaMember(new DoctorRef("paziresh24", "a"), "دکتر الف", List.of(pinned, unpinned), List.of(),
        11.1);

    List<List<String>> en = SearchCommand.table(Lang.EN, q, SearchCommand.rows(q, List.of(m)));
    List<List<String>> fa = SearchCommand.table(Lang.FA, q, SearchCommand.rows(q, List.of(m)));

    assertThat(en).containsExactly(List.of("DOCTOR", "CENTER", "DISTANCE", "PRICE", "EARLIEST SLOT"),
        List.of("دکتر الف", "Mehr", "11.1 km", "1,500,000 rials", "Sat 1405/01/01 09:00"),
        List.of("دکتر الف", "center 2", "—", "—", "—"));
    assertThat(fa.get(1)).containsExactly("دکتر الف", "Mehr", "۱۱٫۱ کیلومتر", "۱٬۵۰۰٬۰۰۰ ریال",
        "شنبه ۱۴۰۵/۰۱/۰۱ ۰۹:۰۰");
    assertThat(fa.get(2).get(1)).isEqualTo("مرکز ۲");
  }

  @Test
  void aRadiusListsDoctorsWhosePinIsNotKnownYetWithoutADistanceAndSendsNoLookup() {
    // the sandbox's search pages, like the site's, carry no map pins; a preview looks nobody up
    CliRun run = CliRun.run(home, "search", "--sandbox", "dermatology", "--city", "tehran", "--near", "35.6892,51.3890",
        "--km", "30");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0)).contains("DISTANCE");
    assertThat(run.outLines()).filteredOn(l -> l.contains("دکتر")).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("—"));
  }

  @Test
  void keepUnlocatedKeepsCentersWithoutAMapPinInTheRadius() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "dermatology", "--city", "tehran", "--near", "35.6892,51.3890",
        "--km", "30", "--keep-unlocated");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0)).contains("DISTANCE");
    assertThat(run.outLines()).anyMatch(l -> l.contains("دکتر") && l.contains("—"));
  }

  @Test
  void persianSearchIsAllPersianWithPersianDigits() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "پوست و مو", "--city", "تهران", "--lang", "fa");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0)).contains("پزشک").contains("هزینه").contains("نخستین نوبت آزاد");
    assertThat(run.out()).contains("ریال").containsPattern("۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}")
        .doesNotContainPattern("[A-Za-z0-9]");
  }

  @Test
  void withoutAPointNoDistanceColumnIsShown() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "pediatrics", "--city", "mashhad");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0)).contains("DOCTOR").doesNotContain("DISTANCE");
    assertThat(run.out()).doesNotContain(" km");
  }

  @Test
  void aBadPointIsAUsageErrorBeforeAnyRequest() {
    // no --sandbox: any request would go to the real site; the point is refused first
    CliRun run = CliRun.run(home, "search", "dermatology", "--city", "tehran", "--near", "135.7,51.4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--near: '135.7,51.4' is not a point like 35.7219,51.3347").contains("usage:");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRadiusWithoutAPointIsBadInput() {
    CliRun run = CliRun.run(home, "search", "dermatology", "--city", "tehran", "--km", "۵", "--lang", "fa");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--km بدون --near معنا ندارد");
  }

  @Test
  void anUnknownCityNamesTheClosestCities() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "dermatology", "--city", "tehrn");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1).first().asString().startsWith("error: no city 'tehrn' on paziresh24")
        .contains("did you mean").contains("(tehran)");
  }

  @Test
  void anUnknownSpecialtyInPersianNamesTheClosestInPersian() {
    CliRun run = CliRun.run(home, "search", "--sandbox", "پوس", "--city", "تهران", "--lang", "fa");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("تخصص «پوس» در پذیرش۲۴ پیدا نشد؛ شاید منظورتان این است: ")
        .contains("(dermatology)");
  }

  @Test
  void rowsWithoutAFreeSlotComeLastAndTiesGoToTheNearer() {
    AreaQuery q = AreaQuery.builder("paziresh24", "x", "y").near(new GeoPoint(35.0, 51.0)).build();
    AreaCenter none = new AreaCenter("c1", "A", new GeoPoint(35.0, 51.0), null, null);
    AreaCenter farLater = new AreaCenter("c2", "B", new GeoPoint(35.5, 51.0), Instant.parse("2026-03-22T05:30:00Z"), null);
    AreaCenter nearLater = new AreaCenter("c3", "C", new GeoPoint(35.1, 51.0), Instant.parse("2026-03-22T05:30:00Z"),
        null);
    AreaCenter soon = new AreaCenter("c4", "D", null, Instant.parse("2026-03-21T05:30:00Z"), null);
    AreaMember one = new AreaMember(new DoctorRef("paziresh24", "a"), "Dr A", List.of(none, farLater), List.of(), 0.0);
    AreaMember two = new AreaMember(new DoctorRef("paziresh24", "b"), "Dr B", List.of(nearLater, soon), List.of(), 11.1);

    List<SearchCommand.Row> rows = SearchCommand.rows(q, List.of(one, two));

    assertThat(rows).extracting(r -> r.center().centerId()).containsExactly("c4", "c3", "c2", "c1");
  }
}

package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AreaMember;
import io.github.slothunter.api.AreaQuery;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /find} (issue #24): the specialty (buttons for common ones, or typed), the city (typed) or
 * a shared location (then the nearest known city and a distance), the area's doctors with their
 * distance, earliest slot and price, then "watch this area" (an area watch under the chat's plan,
 * auto-booking when the chat set it up) or "narrow" (price, gender). Words the engine does not know
 * come back with its closest names as buttons. Every step is a {@link Step} kept across restarts.
 * Thread-safe; called under the chat's lock.
 */
final class FindFlow {
  private static final Logger log = LoggerFactory.getLogger(FindFlow.class);

  /** The distance buttons, in kilometres. */
  static final List<Integer> DISTANCES_KM = List.of(2, 5, 10, 25);
  /** The price cap buttons of "narrow", in rials. */
  static final List<Long> PRICE_CAPS = List.of(1_000_000L, 2_000_000L, 5_000_000L);
  /** Doctors listed in a search result; the rest are counted. */
  static final int SHOWN = 5;
  /** A shared location farther than this from every known city asks for the city's name. */
  static final double CITY_RADIUS_KM = 60;

  /**
   * A word with its Persian and English display forms: a common specialty or a city.
   *
   * @param slug what the engine is given (the provider's slug)
   * @param fa the Persian name
   * @param en the English name
   * @param center a city's centre, {@code null} for a specialty
   */
  record Word(String slug, String fa, String en, GeoPoint center) {}

  /** The specialty buttons (Paziresh24's slugs). */
  static final List<Word> SPECIALTIES = List.of(
      new Word("dermatology", "پوست و مو", "Dermatology", null),
      new Word("cardiovascular", "قلب و عروق", "Cardiology", null),
      new Word("pediatrics", "کودکان", "Pediatrics", null),
      new Word("general-practitioner", "پزشک عمومی", "General practitioner", null));

  /** Cities a shared location is matched to (their centres); any other city is typed. */
  static final List<Word> CITIES = List.of(
      new Word("tehran", "تهران", "Tehran", new GeoPoint(35.6892, 51.3890)),
      new Word("mashhad", "مشهد", "Mashhad", new GeoPoint(36.2605, 59.6168)),
      new Word("isfahan", "اصفهان", "Isfahan", new GeoPoint(32.6546, 51.6680)),
      new Word("shiraz", "شیراز", "Shiraz", new GeoPoint(29.5918, 52.5837)),
      new Word("tabriz", "تبریز", "Tabriz", new GeoPoint(38.0800, 46.2919)),
      new Word("karaj", "کرج", "Karaj", new GeoPoint(35.8400, 50.9391)),
      new Word("ahvaz", "اهواز", "Ahvaz", new GeoPoint(31.3183, 48.6706)),
      new Word("qom", "قم", "Qom", new GeoPoint(34.6416, 50.8746)));

  /** One suggestion of the engine's {@code NOT_FOUND}: {@code name[ / spelling] (slug)}. */

  private final SlotHunter hunter;
  private final String providerId;

  FindFlow(SlotHunter hunter, String providerId) {
    this.hunter = hunter;
    this.providerId = providerId;
  }

  /** A word's name in the chat's language: a known slug becomes its name, anything else is shown as given. */
  static String cityName(Messages m, String city) {
    for (Word w : CITIES) {
      if (w.slug().equals(city)) {
        return m.t(w.fa(), w.en());
      }
    }
    return city;
  }

  /** A specialty's name in the chat's language: a button's slug becomes its name, anything typed is shown as typed. */
  static String specialtyName(Messages m, String specialty) {
    for (Word w : SPECIALTIES) {
      if (w.slug().equals(specialty)) {
        return m.t(w.fa(), w.en());
      }
    }
    return specialty;
  }

  private static String areaName(Messages m, AreaPick p) {
    return m.find().areaName(specialtyName(m, p.specialty()), cityName(m, p.city()), p.radiusKm(), p.maxPrice(),
        p.gender());
  }

  /** The pick of a {@code /find} step whose menu this press belongs to, or {@code null}. */
  private static AreaPick pickOf(ChatState st, Press p) {
    Step s = st.step;
    if (s instanceof Step.FindSpecialty f && p.ofFlow(f.flow())) {
      return f.pick();
    }
    if (s instanceof Step.FindPlace f && p.ofFlow(f.flow())) {
      return f.pick();
    }
    if (s instanceof Step.FindDistance f && p.ofFlow(f.flow())) {
      return f.pick();
    }
    if (s instanceof Step.FindShown f && p.ofFlow(f.flow())) {
      return f.pick();
    }
    return null;
  }

  /** {@code /find}. */
  void find(ChatState st, Reply r) {
    next(st, AreaPick.EMPTY, null, r);
  }

  /** Asks for what the pick lacks, or searches when it is complete. */
  private void next(ChatState st, AreaPick pick, Incoming.Callback menu, Reply r) {
    int flow = ++st.flow;
    if (pick.specialty().isEmpty()) {
      st.step = new Step.FindSpecialty(flow, pick);
      List<Button> buttons = new ArrayList<>();
      for (int i = 0; i < SPECIALTIES.size(); i++) {
        buttons.add(Button.callback(r.m.find().specialtyButton(SPECIALTIES.get(i)), "fs:" + flow + ":" + i));
      }
      r.sendOrEdit(menu, r.m.find().askSpecialty(), Keyboard.column(buttons));
    } else if (pick.city().isEmpty()) {
      st.step = new Step.FindPlace(flow, pick);
      r.sendOrEdit(menu, pick.point() == null ? r.m.find().askPlace(specialtyName(r.m, pick.specialty()))
          : r.m.find().askCityOfLocation(), Keyboard.NONE);
    } else if (pick.point() != null && pick.radiusKm() == null) {
      st.step = new Step.FindDistance(flow, pick);
      List<Button> buttons = DISTANCES_KM.stream()
          .map(km -> Button.callback(r.m.find().distanceButton(km), "fd:" + flow + ":" + km)).toList();
      r.sendOrEdit(menu, r.m.find().askDistance(cityName(r.m, pick.city())), new Keyboard(List.of(buttons)));
    } else {
      search(st, flow, pick, menu, r);
    }
  }

  private void search(ChatState st, int flow, AreaPick pick, Incoming.Callback menu, Reply r) {
    List<AreaMember> found;
    try {
      found = hunter.areaSearch(pick.query(providerId));
    } catch (SlotHunterException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      unknownWord(st, flow, pick, e, menu, r);
      return;
    }
    String area = areaName(r.m, pick);
    if (pick.maxPrice() != null) {
      // the engine's search keeps members above the cap (it applies the cap only to the slots it announces)
      found = found.stream().filter(member -> member.centers().stream()
          .anyMatch(c -> c.price() == null || c.price() <= pick.maxPrice())).toList();
    }
    if (found.isEmpty()) {
      st.step = Step.IDLE;
      r.sendOrEdit(menu, r.m.find().noMembers(area), Keyboard.NONE);
      return;
    }
    st.step = new Step.FindShown(flow, pick);
    List<AreaMember> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(AreaMember::firstFree, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
        .thenComparing(AreaMember::distanceKm, Comparator.nullsLast(Comparator.<Double>naturalOrder())));
    List<AreaMember> shown = sorted.subList(0, Math.min(SHOWN, sorted.size()));
    r.sendOrEdit(menu, r.m.find().members(area, shown, found.size(), pick.point() != null), Keyboard.column(List.of(
        Button.callback(r.m.find().watchButton(), "fw:" + flow),
        Button.callback(r.m.find().narrowButton(), "fn:" + flow))));
  }

  /**
   * The engine knows no such city or specialty: that word is dropped from the pick and asked for again,
   * its closest names offered as buttons ({@link SlotHunterException#suggestions()}).
   */
  private void unknownWord(ChatState st, int flow, AreaPick pick, SlotHunterException e, Incoming.Callback menu,
      Reply r) {
    String reason = e.reason() == null ? "" : e.reason();
    boolean city = reason.startsWith("no city");
    String word = city ? pick.city() : pick.specialty();
    AreaPick without = city ? pick.withCity("") : pick.withSpecialty("");
    st.step = city ? new Step.FindPlace(flow, without) : new Step.FindSpecialty(flow, without);
    List<Button> buttons = new ArrayList<>();
    for (io.github.slothunter.api.Place place : e.suggestions()) {
      String name = place.displayName();
      String data = "fx:" + flow + ":" + name;
      if (data.getBytes(StandardCharsets.UTF_8).length > Keyboard.MAX_CALLBACK_BYTES) {
        data = "fx:" + flow + ":" + place.slug();
      }
      if (data.getBytes(StandardCharsets.UTF_8).length <= Keyboard.MAX_CALLBACK_BYTES) {
        buttons.add(Button.callback(name, data));
      }
    }
    log.info("chat {}: /find with an unknown {} ({} suggestions)", r.chatId, city ? "city" : "specialty",
        buttons.size());
    r.sendOrEdit(menu, r.m.find().unknownWord(city, word, !buttons.isEmpty()), Keyboard.column(buttons));
  }

  /** A typed message during {@code /find}: the specialty or the city. */
  void typed(ChatState st, String text, Reply r) {
    if (text.isEmpty() || text.length() > 100) {
      r.send(r.m.unknown());
      return;
    }
    if (st.step instanceof Step.FindSpecialty f) {
      next(st, f.pick().withSpecialty(text), null, r);
    } else if (st.step instanceof Step.FindPlace f) {
      next(st, f.pick().withCity(text), null, r);
    } else {
      r.send(r.m.unknown());
    }
  }

  /** Whether the chat is at a {@code /find} step that takes typed words. */
  static boolean takesWords(Step step) {
    return step instanceof Step.FindSpecialty || step instanceof Step.FindPlace;
  }

  /** A shared location: only {@code /find} uses one. */
  void location(ChatState st, Incoming.Location loc, Reply r) {
    if (!(st.step instanceof Step.FindPlace f)) {
      r.send(r.m.find().locationOutsideFind());
      return;
    }
    GeoPoint point;
    try {
      point = new GeoPoint(loc.latitude(), loc.longitude());
    } catch (SlotHunterException e) {
      r.send(r.m.find().locationOutsideFind());
      return;
    }
    Word nearest = null;
    double best = CITY_RADIUS_KM;
    for (Word c : CITIES) {
      double km = c.center().distanceKm(point);
      if (km <= best) {
        best = km;
        nearest = c;
      }
    }
    AreaPick pick = f.pick().withPoint(point);
    next(st, nearest == null ? pick : pick.withCity(nearest.slug()), null, r);
  }

  /** A press on a {@code /find} menu ({@code fs}, {@code fd}, {@code fx}, {@code fw}, {@code fn}, {@code fp}, {@code fg}). */
  void pressed(ChatState st, Press p, Reply r) {
    AreaPick pick = pickOf(st, p);
    if (pick == null) {
      r.stale(p.cb());
      return;
    }
    switch (p.kind()) {
      case "fs" -> {
        int i = st.step instanceof Step.FindSpecialty ? p.index(SPECIALTIES.size()) : -1;
        if (i < 0) {
          r.stale(p.cb());
          return;
        }
        r.answer(p.cb(), "");
        next(st, pick.withSpecialty(SPECIALTIES.get(i).slug()), p.cb(), r);
      }
      case "fx" -> {
        r.answer(p.cb(), "");
        AreaPick fixed = st.step instanceof Step.FindPlace ? pick.withCity(p.arg(2)) : pick.withSpecialty(p.arg(2));
        next(st, fixed, p.cb(), r);
      }
      case "fd" -> {
        Integer km = st.step instanceof Step.FindDistance ? number(p.arg(2)) : null;
        if (km == null || !DISTANCES_KM.contains(km)) {
          r.stale(p.cb());
          return;
        }
        r.answer(p.cb(), "");
        next(st, pick.withRadiusKm((double) km), p.cb(), r);
      }
      case "fn" -> narrow(st, pick, p, r);
      case "fp" -> {
        Long cap = st.step instanceof Step.FindShown && number(p.arg(2)) != null ? (long) number(p.arg(2)) : null;
        if (cap == null || !PRICE_CAPS.contains(cap)) {
          r.stale(p.cb());
          return;
        }
        r.answer(p.cb(), "");
        next(st, pick.withMaxPrice(cap), p.cb(), r);
      }
      case "fg" -> {
        if (!(st.step instanceof Step.FindShown)) {
          r.stale(p.cb());
          return;
        }
        Gender g = switch (p.arg(2)) {
          case "F" -> Gender.FEMALE;
          case "M" -> Gender.MALE;
          default -> null;
        };
        r.answer(p.cb(), "");
        next(st, pick.withGender(g), p.cb(), r);
      }
      case "fw" -> watch(st, pick, p, r);
      default -> r.stale(p.cb());
    }
  }

  private static Integer number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void narrow(ChatState st, AreaPick pick, Press p, Reply r) {
    if (!(st.step instanceof Step.FindShown f)) {
      r.stale(p.cb());
      return;
    }
    r.answer(p.cb(), "");
    int flow = f.flow();
    List<List<Button>> rows = new ArrayList<>();
    rows.add(PRICE_CAPS.stream().map(cap -> Button.callback(r.m.find().priceButton(cap), "fp:" + flow + ":" + cap))
        .toList());
    rows.add(List.of(Button.callback(r.m.find().genderButton(Gender.FEMALE), "fg:" + flow + ":F"),
        Button.callback(r.m.find().genderButton(Gender.MALE), "fg:" + flow + ":M"),
        Button.callback(r.m.find().genderButton(null), "fg:" + flow + ":any")));
    r.edit(p.cb(), r.m.find().askNarrow(areaName(r.m, pick)), new Keyboard(rows));
  }

  /** "Watch this area": an area watch under the chat's plan, auto-booking when the chat set it up. */
  private void watch(ChatState st, AreaPick pick, Press p, Reply r) {
    if (!(st.step instanceof Step.FindShown shown)) {
      r.stale(p.cb());
      return;
    }
    r.answer(p.cb(), "");
    st.step = Step.IDLE;
    String owner = r.owner();
    String area = areaName(r.m, pick);
    AreaQuery query = pick.query(providerId);
    for (Watch w : hunter.watches(owner)) {
      if (w.area() != null && w.area().query().equals(query)) {
        r.edit(p.cb(), r.m.find().alreadyWatching(area), Keyboard.NONE);
        return;
      }
    }
    Plan plan = hunter.plan(owner);
    WatchRequest req = WatchRequest.area(owner, query);
    AutoBook ab = st.autoBook;
    if (ab != null && plan.autoBook()) {
      req = req.autoBook(ab);
    }
    Watch w;
    try {
      w = hunter.watch(req);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.INVALID_INPUT) { // more doctors than one watch covers
        st.step = shown;
        r.edit(p.cb(), r.m.find().tooManyMembers(), Keyboard.row(
            Button.callback(r.m.find().narrowButton(), "fn:" + shown.flow())));
        return;
      }
      throw e;
    }
    log.info("chat {} watches an area of {} doctors as {}", r.chatId, w.area().members().size(), w.id());
    r.edit(p.cb(), r.m.find().watching(area, w.area().members().size(), plan, w.autoBook() != null), Keyboard.NONE);
  }
}

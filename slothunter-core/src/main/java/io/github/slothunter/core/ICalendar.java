package io.github.slothunter.core;

import io.github.slothunter.api.Center;
import io.github.slothunter.api.SlotHunterZones;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An iCalendar object (RFC 5545, {@code text/calendar}) holding bookings and held slots as
 * {@code VEVENT}s, for hosts that let users add their appointments to a calendar app. Written by a
 * small dependency-free writer:
 *
 * <pre>{@code
 * String ics = ICalendar.builder()
 *     .add(CalendarEvent.booking(booking, doctor, null))
 *     .add(CalendarEvent.hold(hold, doctor, null).withLink(provider.bookingLink(hold.slot()).orElseThrow()))
 *     .build()
 *     .text();
 * }</pre>
 *
 * <p>What is written: a {@code VCALENDAR} with {@code VERSION:2.0}, {@code PRODID},
 * {@code CALSCALE:GREGORIAN} and {@code METHOD:PUBLISH}; one {@code VTIMEZONE} for the zone
 * (default {@link SlotHunterZones#TEHRAN}) derived from the JDK's tz rules over the events' time
 * range, so it follows tzdata rather than a hard-coded offset: for Asia/Tehran that is one
 * {@code STANDARD} observance starting at Iran's last transition (2022-09-22 00:00, {@code +0430}
 * to {@code +0330}; Iran has had no daylight saving since), and for zones with daylight saving one
 * observance per transition in range. Each event has a stable {@code UID} (see {@link CalendarEvent}),
 * {@code DTSTAMP} in UTC from the builder's clock, {@code DTSTART}/{@code DTEND} as local times
 * with {@code TZID} ({@code DTEND} is the slot's end; every {@code Slot} has one, taken by the
 * provider from the site, the service duration or its default), {@code SUMMARY} (the doctor's
 * display name, else "Appointment"), {@code LOCATION} (center name and address), {@code DESCRIPTION}
 * (tracking code, service, hold expiry, link), {@code URL} when a link is given, and
 * {@code STATUS:CONFIRMED} for bookings or {@code STATUS:TENTATIVE} for holds and for bookings
 * awaiting online payment ("pay to confirm", said in the description). Patient data is never written.
 *
 * <p>Encoding: lines end with CRLF and are folded at 75 octets of UTF-8 without splitting a
 * character (Persian text and emoji stay whole); TEXT values escape backslash, semicolon, comma and
 * newlines, and drop other control characters. Write the text as UTF-8.
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class ICalendar {
  /** The {@code PRODID} used unless {@link Builder#productId(String)} sets another. */
  public static final String DEFAULT_PRODUCT_ID = "-//SlotHunter//SlotHunter SDK//EN";
  /** The longest a content line may be, in octets, excluding the CRLF (RFC 5545 section 3.1). */
  static final int MAX_LINE_OCTETS = 75;

  private static final String CRLF = "\r\n";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  /** The start of the one observance of a zone without transitions before the events. */
  private static final String EARLIEST = "16010101T000000";

  private final List<CalendarEvent> events;
  private final String text;

  private ICalendar(List<CalendarEvent> events, String text) {
    this.events = events;
    this.text = text;
  }

  /** A builder with the defaults: {@link #DEFAULT_PRODUCT_ID}, Asia/Tehran, the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The events, in the order they were added. */
  public List<CalendarEvent> events() {
    return events;
  }

  /** The whole iCalendar text, CRLF line ends, folded; encode it as UTF-8. */
  public String text() {
    return text;
  }

  /**
   * Writes {@link #text()} to {@code out}, which must encode UTF-8 (for example an
   * {@code OutputStreamWriter} with {@code StandardCharsets.UTF_8}). Does not flush or close it.
   *
   * @throws IOException from the writer
   */
  public void writeTo(Writer out) throws IOException {
    Objects.requireNonNull(out, "out").write(text);
  }

  /** The same as {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }

  /** Builds an {@link ICalendar}; not thread-safe. */
  public static final class Builder {
    private String productId = DEFAULT_PRODUCT_ID;
    private ZoneId zone = SlotHunterZones.TEHRAN;
    private Clock clock = Clock.systemUTC();
    private final List<CalendarEvent> events = new ArrayList<>();
    private final Set<String> uids = new HashSet<>();

    private Builder() {}

    /**
     * The {@code PRODID}, in the formal public identifier style ({@code -//Company//Product//EN}).
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder productId(String value) {
      Objects.requireNonNull(value, "productId");
      if (value.isBlank()) {
        throw new IllegalArgumentException("productId must not be blank");
      }
      this.productId = value.strip();
      return this;
    }

    /**
     * The zone local times are written in; default {@link SlotHunterZones#TEHRAN}, the providers' zone.
     *
     * @throws IllegalArgumentException for a bare offset ({@code ZoneOffset}): a {@code TZID} needs a region id
     */
    public Builder zone(ZoneId value) {
      Objects.requireNonNull(value, "zone");
      if (value instanceof ZoneOffset) {
        throw new IllegalArgumentException("zone must be a region such as Asia/Tehran, not the offset " + value);
      }
      this.zone = value;
      return this;
    }

    /** The clock {@code DTSTAMP} is read from at {@link #build()}; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Adds an event.
     *
     * @throws IllegalArgumentException when an event with the same {@code UID} was added already
     */
    public Builder add(CalendarEvent event) {
      Objects.requireNonNull(event, "event");
      if (!uids.add(event.uid())) {
        throw new IllegalArgumentException("an event with UID " + event.uid() + " was added already");
      }
      events.add(event);
      return this;
    }

    /** Adds events in order; see {@link #add(CalendarEvent)}. */
    public Builder addAll(Collection<CalendarEvent> values) {
      Objects.requireNonNull(values, "events").forEach(this::add);
      return this;
    }

    /** Writes the calendar, stamping it with the clock's current time. */
    public ICalendar build() {
      Instant now = clock.instant();
      Instant from = now;
      Instant to = now;
      if (!events.isEmpty()) {
        from = events.stream().map(e -> e.slot().start()).min(Instant::compareTo).orElseThrow();
        to = events.stream().map(e -> e.slot().end()).max(Instant::compareTo).orElseThrow();
      }
      StringBuilder out = new StringBuilder(1024 + 512 * events.size());
      line(out, "BEGIN:VCALENDAR");
      line(out, "VERSION:2.0");
      line(out, "PRODID:" + text(productId));
      line(out, "CALSCALE:GREGORIAN");
      line(out, "METHOD:PUBLISH");
      timezone(out, zone, from, to);
      String stamp = LOCAL.format(LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)) + "Z";
      for (CalendarEvent e : events) {
        event(out, e, zone, stamp);
      }
      line(out, "END:VCALENDAR");
      return new ICalendar(List.copyOf(events), out.toString());
    }
  }

  private static void event(StringBuilder out, CalendarEvent e, ZoneId zone, String stamp) {
    String tzid = ";TZID=" + zone.getId() + ":";
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + text(e.uid()));
    line(out, "DTSTAMP:" + stamp);
    line(out, "DTSTART" + tzid + LOCAL.format(e.slot().start().atZone(zone)));
    line(out, "DTEND" + tzid + LOCAL.format(e.slot().end().atZone(zone)));
    line(out, "SUMMARY:" + text(e.doctor().map(d -> d.displayName()).orElse("Appointment")));
    String location = e.center().map(ICalendar::location).orElse("");
    if (!location.isEmpty()) {
      line(out, "LOCATION:" + text(location));
    }
    List<String> about = new ArrayList<>();
    if (!e.trackingCode().isEmpty()) {
      about.add("Tracking code: " + e.trackingCode());
    }
    e.heldUntil().ifPresent(until -> about.add("Held until " + SHOWN.format(until.atZone(zone)) + " ("
        + zone.getId() + "); not booked yet"));
    if (e.awaitingPayment()) {
      about.add("Pay to confirm: booked, final only once paid online"
          + e.paymentLink().map(u -> " at " + u.toASCIIString()).orElse(" on the provider's site"));
    }
    e.service().filter(s -> !s.title().isEmpty()).ifPresent(s -> about.add("Service: " + s.title()));
    e.link().ifPresent(link -> about.add("Link: " + link.toASCIIString()));
    if (!about.isEmpty()) {
      line(out, "DESCRIPTION:" + text(String.join("\n", about)));
    }
    e.link().ifPresent(link -> line(out, "URL:" + link.toASCIIString()));
    // an unpaid booking is not confirmed yet
    line(out, "STATUS:" + (e.kind() == CalendarEvent.Kind.BOOKING && !e.awaitingPayment() ? "CONFIRMED" : "TENTATIVE"));
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
  }

  private static String location(Center c) {
    if (c.name().isEmpty() || c.address().isEmpty()) {
      return c.name() + c.address();
    }
    return c.name() + ", " + c.address();
  }

  /**
   * A {@code VTIMEZONE} covering {@code from..to}: the observance in force at {@code from}, then one
   * per offset transition up to {@code to}, all from the JDK's tz rules.
   */
  private static void timezone(StringBuilder out, ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    line(out, "BEGIN:VTIMEZONE");
    line(out, "TZID:" + zone.getId());
    ZoneOffsetTransition inForce = rules.previousTransition(from.plusSeconds(1));
    Instant cursor;
    if (inForce == null) {
      ZoneOffset offset = rules.getOffset(from);
      observance(out, "STANDARD", EARLIEST, offset, offset);
      cursor = from;
    } else {
      observance(out, rules, inForce);
      cursor = inForce.getInstant();
    }
    for (ZoneOffsetTransition t = rules.nextTransition(cursor); t != null && !t.getInstant().isAfter(to);
        t = rules.nextTransition(t.getInstant())) {
      observance(out, rules, t);
    }
    line(out, "END:VTIMEZONE");
  }

  private static void observance(StringBuilder out, ZoneRules rules, ZoneOffsetTransition t) {
    observance(out, rules.isDaylightSavings(t.getInstant()) ? "DAYLIGHT" : "STANDARD",
        LOCAL.format(t.getDateTimeBefore()), t.getOffsetBefore(), t.getOffsetAfter());
  }

  private static void observance(StringBuilder out, String kind, String start, ZoneOffset before, ZoneOffset after) {
    line(out, "BEGIN:" + kind);
    line(out, "DTSTART:" + start);
    line(out, "TZOFFSETFROM:" + offset(before));
    line(out, "TZOFFSETTO:" + offset(after));
    line(out, "TZNAME:" + offset(after));
    line(out, "END:" + kind);
  }

  /** {@code +0330}, {@code -0500}, or with seconds {@code +032544} (RFC 5545 utc-offset). */
  static String offset(ZoneOffset o) {
    int total = o.getTotalSeconds();
    int abs = Math.abs(total);
    String hhmm = String.format(Locale.ROOT, "%c%02d%02d", total < 0 ? '-' : '+', abs / 3600, abs / 60 % 60);
    return abs % 60 == 0 ? hhmm : hhmm + String.format(Locale.ROOT, "%02d", abs % 60);
  }

  /**
   * Escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma get a backslash,
   * any line break becomes {@code \n}, other control characters but tab become a space, and an
   * unpaired surrogate becomes U+FFFD so that the UTF-8 length is exact.
   */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\':
          b.append("\\\\");
          break;
        case ';':
          b.append("\\;");
          break;
        case ',':
          b.append("\\,");
          break;
        case '\r':
          if (i < s.length() && s.charAt(i) == '\n') {
            i++; // CRLF is one line break
          }
          b.append("\\n");
          break;
        case '\n':
          b.append("\\n");
          break;
        default:
          if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            b.append('\uFFFD');
          } else if (cp != '\t' && Character.isISOControl(cp)) {
            b.append(' ');
          } else {
            b.appendCodePoint(cp);
          }
      }
    }
    return b.toString();
  }

  /**
   * Appends one content line, folded (RFC 5545 section 3.1): a physical line holds at most
   * {@value #MAX_LINE_OCTETS} octets of UTF-8, a continuation starts with one space, and a fold
   * never falls inside a character.
   */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    int i = 0;
    while (i < content.length()) {
      int cp = content.codePointAt(i);
      int size = utf8Length(cp);
      if (octets + size > MAX_LINE_OCTETS) {
        out.append(CRLF).append(' ');
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append(CRLF);
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    return cp < 0x10000 ? 3 : 4;
  }
}

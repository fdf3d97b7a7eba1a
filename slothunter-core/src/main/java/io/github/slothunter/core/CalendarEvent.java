package io.github.slothunter.core;

import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One appointment to put in a calendar: a {@link Booking} (confirmed) or a {@link Hold} (tentative),
 * with the doctor and center when the host knows them. {@link ICalendar} writes it as a
 * {@code VEVENT}. Never carries patient data: the patient is not part of a booking's calendar entry.
 *
 * <p>Immutable and thread-safe; {@link #withLink(URI)} returns a copy.
 */
public final class CalendarEvent {

  /** What the event stands for. Immutable and thread-safe. */
  public enum Kind {
    /**
     * A booking the provider made: {@code STATUS:CONFIRMED}, or {@code STATUS:TENTATIVE} while it
     * awaits online payment ({@link #awaitingPayment()}: "pay to confirm").
     */
    BOOKING,
    /** A slot held for a short time, not booked yet: {@code STATUS:TENTATIVE}. */
    HOLD
  }

  private final Kind kind;
  private final Slot slot;
  private final String uid;
  private final String trackingCode;
  private final Instant heldUntil;
  private final Doctor doctor;
  private final Center center;
  private final URI link;
  private final boolean awaitingPayment;
  private final URI paymentLink;

  private CalendarEvent(Kind kind, Slot slot, String uid, String trackingCode, Instant heldUntil, Doctor doctor,
      Center center, URI link) {
    this(kind, slot, uid, trackingCode, heldUntil, doctor, center, link, false, null);
  }

  private CalendarEvent(Kind kind, Slot slot, String uid, String trackingCode, Instant heldUntil, Doctor doctor,
      Center center, URI link, boolean awaitingPayment, URI paymentLink) {
    this.awaitingPayment = awaitingPayment;
    this.paymentLink = paymentLink;
    this.kind = kind;
    this.slot = slot;
    this.uid = uid;
    this.trackingCode = trackingCode;
    this.heldUntil = heldUntil;
    this.doctor = doctor;
    this.center = center;
    this.link = link;
  }

  /**
   * A confirmed booking. Its UID is {@code <providerBookingKey>@<providerId>.slothunter}, stable
   * across exports, so a calendar that imports it twice updates one event.
   *
   * @param doctor the doctor, or {@code null} when unknown (the summary is then a neutral
   *     "Appointment")
   * @param center the slot's center, or {@code null}: then the doctor's center with the slot's
   *     center id is used, if the doctor is given and has it
   * @throws IllegalArgumentException when the doctor is of another provider or the center is not the
   *     slot's
   */
  public static CalendarEvent booking(Booking booking, Doctor doctor, Center center) {
    Objects.requireNonNull(booking, "booking");
    Slot slot = booking.slot();
    String uid = booking.providerBookingKey() + "@" + slot.target().providerId() + ".slothunter";
    return new CalendarEvent(Kind.BOOKING, slot, uid, booking.trackingCode(), null, checkDoctor(slot, doctor),
        resolveCenter(slot, doctor, center), null, booking.paymentRequired(), booking.paymentLink());
  }

  /**
   * A held slot, not booked yet; the description says until when it is held. Its UID is
   * {@code hold-<providerHoldKey>@<providerId>.slothunter}.
   *
   * @param doctor the doctor, or {@code null} when unknown
   * @param center the slot's center, or {@code null} (see {@link #booking})
   * @throws IllegalArgumentException when the doctor is of another provider or the center is not the
   *     slot's
   */
  public static CalendarEvent hold(Hold hold, Doctor doctor, Center center) {
    Objects.requireNonNull(hold, "hold");
    Slot slot = hold.slot();
    String uid = "hold-" + hold.providerHoldKey() + "@" + slot.target().providerId() + ".slothunter";
    return new CalendarEvent(Kind.HOLD, slot, uid, "", hold.expiresAt(), checkDoctor(slot, doctor),
        resolveCenter(slot, doctor, center), null);
  }

  private static Doctor checkDoctor(Slot slot, Doctor doctor) {
    if (doctor != null && !doctor.ref().providerId().equals(slot.target().providerId())) {
      throw new IllegalArgumentException("doctor " + doctor.ref() + " is not on the slot's provider "
          + slot.target().providerId());
    }
    return doctor;
  }

  private static Center resolveCenter(Slot slot, Doctor doctor, Center center) {
    String centerId = slot.target().centerId();
    if (center != null) {
      if (!center.id().equals(centerId)) {
        throw new IllegalArgumentException("center " + center.id() + " is not the slot's center " + centerId);
      }
      return center;
    }
    if (doctor == null) {
      return null;
    }
    return doctor.centers().stream().filter(c -> c.id().equals(centerId)).findFirst().orElse(null);
  }

  /**
   * A copy with a link for the event ({@code URL}, and a line in the description): a receipt page,
   * or {@code Provider.bookingLink(slot)} to finish a held slot by hand.
   *
   * @throws IllegalArgumentException for a relative URI
   */
  public CalendarEvent withLink(URI value) {
    Objects.requireNonNull(value, "link");
    if (!value.isAbsolute()) {
      throw new IllegalArgumentException("link must be an absolute URI: " + value);
    }
    return new CalendarEvent(kind, slot, uid, trackingCode, heldUntil, doctor, center, value, awaitingPayment,
        paymentLink);
  }

  /** Booking or hold. */
  public Kind kind() {
    return kind;
  }

  /** The appointment's slot (start, end, calendar). */
  public Slot slot() {
    return slot;
  }

  /** The stable {@code UID}. */
  public String uid() {
    return uid;
  }

  /** The provider's tracking code; empty for holds and for bookings without one. */
  public String trackingCode() {
    return trackingCode;
  }

  /** Until when a hold lasts; empty for bookings. */
  public Optional<Instant> heldUntil() {
    return Optional.ofNullable(heldUntil);
  }

  /** The doctor, when given. */
  public Optional<Doctor> doctor() {
    return Optional.ofNullable(doctor);
  }

  /** The center, when given or found in the doctor's centers. */
  public Optional<Center> center() {
    return Optional.ofNullable(center);
  }

  /** The service booked, when the center lists the slot's service. */
  public Optional<Service> service() {
    if (center == null) {
      return Optional.empty();
    }
    Target target = slot.target();
    return center.services().stream().filter(s -> s.id().equals(target.serviceId())).findFirst();
  }

  /** The link, when set with {@link #withLink(URI)}. */
  public Optional<URI> link() {
    return Optional.ofNullable(link);
  }

  /** Whether the booking awaits online payment: made, but final only once paid ("pay to confirm"). */
  public boolean awaitingPayment() {
    return awaitingPayment;
  }

  /** Where to pay a booking that {@link #awaitingPayment()}, when the provider gave a link. */
  public Optional<URI> paymentLink() {
    return Optional.ofNullable(paymentLink);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CalendarEvent)) {
      return false;
    }
    CalendarEvent e = (CalendarEvent) o;
    return kind == e.kind && slot.equals(e.slot) && uid.equals(e.uid) && trackingCode.equals(e.trackingCode)
        && Objects.equals(heldUntil, e.heldUntil) && Objects.equals(doctor, e.doctor)
        && Objects.equals(center, e.center) && Objects.equals(link, e.link) && awaitingPayment == e.awaitingPayment
        && Objects.equals(paymentLink, e.paymentLink);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, slot, uid, trackingCode, heldUntil, doctor, center, link, awaitingPayment, paymentLink);
  }

  @Override
  public String toString() {
    return "CalendarEvent[" + kind + " " + uid + " at " + slot.start() + "]";
  }
}

package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.PaymentState;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Header;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.Booker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * suspend, book, unsuspend, deleteBook, moveBook and the receipt read-back (spec 5, 8). Thread-safe.
 *
 * <p>Before book, the doctor's Hamdast pre-booking widget is asked (spec 5.9, {@link BookingAddon});
 * a {@code SHOW_FORM} answer releases the hold and throws {@code MANUAL_ACTION_REQUIRED} with the
 * site's booking page. A book answer with {@code payment.reqiure_payment == "1"} (spec 5.6) gives a
 * "pay to confirm" booking with the payment link; the payment endpoints are never called.
 *
 * <p>No {@link Booker#findBooking} (capability {@code FIND_BOOKING}): the account's bookings list
 * ({@code GET /V1/patient/visits?return_type=book}, or {@code POST /api/getBooks}) is known by URL
 * only, its answer was never captured (spec 5.0, 5.7), and the receipt needs the booking id a lost
 * book answer never gave. A lost book answer therefore stays {@code BookingOutcomeUnknown} here.
 *
 * <p>Holds last {@code hold-ttl} (default 5 minutes; UNVERIFIED, the site does not say). A booking
 * is made for the patient's {@link Patient#accountUserId()} when it names one of the account's users
 * ({@code selected_user_id}, spec 5.4: "id of the account user or sub-user being booked"; the ids come
 * from {@link Paziresh24Authenticator#accountPatients}), else for the logged-in account itself
 * ({@code selected_user_id} = the session's {@code user_id}). The {@code user_id} header is always the
 * session's account id (spec 5.4).
 */
final class Paziresh24Booker implements Booker {
  private static final Logger log = LoggerFactory.getLogger(Paziresh24Booker.class);
  private static final Pattern SLOT_KEY = Pattern.compile("([0-9]{1,12})-([0-9]{1,12})");
  /** How deep the receipt's unknown envelope is searched for its record. */
  static final int RECEIPT_DEPTH = 3;
  /** A {@code book_time} before 2000-01-01 or after 2100-01-01 is not a unix-seconds appointment time. */
  private static final long MIN_BOOK_TIME = 946_684_800L;
  private static final long MAX_BOOK_TIME = 4_102_444_800L;

  private final Paziresh24Client client;
  private final BookingAddon addon;
  private final java.util.function.Function<Slot, Optional<java.net.URI>> handOff;

  /**
   * @param handOff the site's booking page for a slot's calendar, where a person can finish a booking
   *     that cannot be made unattended
   */
  Paziresh24Booker(Paziresh24Client client, java.util.function.Function<Slot, Optional<java.net.URI>> handOff) {
    this.client = client;
    this.addon = new BookingAddon(client);
    this.handOff = handOff;
  }

  @Override
  public Hold hold(Slot slot, AccountSession session) {
    return suspend(slot, null, session);
  }

  /** The terminal id the session's holds are bound to (spec 2.2: holds are probably bound to it, MED). */
  @Override
  public String holder(AccountSession session) {
    return client.terminalId(session);
  }

  @Override
  public java.time.Duration holdLifetime() {
    return client.settings.holdTtl();
  }

  /**
   * Suspends the slot again from the same terminal. What the site answers a terminal that already
   * holds the slot is not in the spec (UNVERIFIED): the same {@code request_code}, a new one, or
   * status 300 as for anyone else. The first two give a hold to release; the last gives empty.
   */
  @Override
  public Optional<Hold> reclaim(Slot slot, String holder, AccountSession session) {
    try {
      return Optional.of(suspend(slot, holder, session));
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.SLOT_TAKEN) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Hold suspend(Slot slot, String terminalId, AccountSession session) {
    Objects.requireNonNull(slot, "slot");
    Target target = slot.target();
    Paziresh24Client.requireOwn(target);
    client.requireUsable(session);
    Matcher m = SLOT_KEY.matcher(slot.providerSlotKey());
    String from = m.matches() ? m.group(1) : Long.toString(slot.start().getEpochSecond());
    String to = m.matches() ? m.group(2) : Long.toString(slot.end().getEpochSecond());
    FormData form = Paziresh24SlotWatcher.idFields(target).add(Field.FROM, from).add(Field.TO, to);
    if (terminalId != null) {
      form.add(Field.TERMINAL_ID, terminalId);
    }
    JsonNode body = client.postJson(Endpoint.SUSPEND, client.settings.url(Endpoint.SUSPEND).build(), form,
        Paziresh24Client.targetHeaders(target), session);
    ResponseClassifier.requireSuccess(Endpoint.SUSPEND, body);
    String requestCode = Json.findText(body, Field.REQUEST_CODE, 1).filter(ProfileParser::plausibleId)
        .orElseThrow(() -> ResponseClassifier.protocol(Endpoint.SUSPEND, "no request_code in a successful answer",
            body.toString()));
    return new Hold(slot, requestCode, client.now().plus(client.settings.holdTtl()));
  }

  /**
   * {@inheritDoc}
   *
   * @throws SlotHunterException {@code MANUAL_ACTION_REQUIRED} (hold released, book not sent) when the
   *     doctor's pre-booking widget asks for a form; {@code HOLD_EXPIRED} for status 300;
   *     {@code INVALID_INPUT} for status 0 with {@code details}; {@code PROTOCOL} otherwise
   */
  @Override
  public Booking book(Hold hold, Patient patient, AccountSession session) {
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(patient, "patient");
    Target target = hold.slot().target();
    Paziresh24Client.requireOwn(target);
    client.requireUsable(session);
    String userId = session.attributes().get(Paziresh24Client.SESSION_USER_ID);
    // spec 5.4: selected_user_id is the person booked for; the user_id header stays the account's
    String selectedUserId = patient.accountUserId() != null ? patient.accountUserId() : userId;
    FormData form = new FormData()
        .add(Field.REQUEST_CODE, hold.providerHoldKey())
        .add(Field.CENTER_ID, target.centerId())
        .addIfPresent(Field.SERVER_ID, Paziresh24Client.key(target, Field.SERVER_ID))
        .add(Field.IS_WEBVIEW, Value.IS_WEBVIEW)
        .add(Field.FIRST_NAME, patient.firstName())
        .add(Field.LAST_NAME, patient.lastName())
        .add(Field.CELL, patient.mobile())
        .add(Field.NATIONAL_CODE, patient.nationalCode())
        .add(Field.SELECTED_USER_ID, selectedUserId);
    if (patient.gender() == Gender.MALE) {
      form.add(Field.GENDER, "male");
    } else if (patient.gender() == Gender.FEMALE) {
      form.add(Field.GENDER, "female");
    }
    BookingAddon.Decision decision = addon.before(target, patient, session);
    if (decision.action() == BookingAddon.Action.SHOW_FORM) {
      throw manualActionRequired(hold, session);
    }
    // spec 5.4: the addon's meta_data pass through as book fields; they never replace ours
    decision.metaData().forEach((k, v) -> {
      if (form.get(k) == null) {
        form.add(k, v);
      }
    });
    Map<String, String> headers = Paziresh24Client.targetHeaders(target);
    headers.put(Header.USER_ID, userId);
    // spec 5 step 6: user_center_id goes only as a header; the site strips it from the form
    headers.put(Header.USER_CENTER_ID, Paziresh24Client.requireKey(target, Field.USER_CENTER_ID));
    JsonNode body = client.postJson(Endpoint.BOOK, client.settings.url(Endpoint.BOOK).build(), form, headers, session);
    ResponseClassifier.requireSuccess(Endpoint.BOOK, body);
    String bookId = Json.text(body.path("book_info"), "id").filter(ProfileParser::plausibleId)
        .orElseThrow(() -> ResponseClassifier.protocol(Endpoint.BOOK,
            "status 1 without book_info.id: the booking may exist; check the account", body.toString()));
    String tracking = Json.findText(body, Field.REFERENCE_CODE, 2)
        .or(() -> receiptReference(target.centerId(), bookId, session))
        .orElse("");
    Booking booking = new Booking(hold.slot(), bookId, ProfileParser.cut(tracking, 100), client.now());
    if (Value.PAYMENT_REQUIRED.equals(Json.text(body.path(Field.PAYMENT), Field.REQUIRE_PAYMENT).orElse("").strip())) {
      java.net.URI link = paymentLink(target, bookId, body.path(Field.PAYMENT)).orElse(null);
      log.info("paziresh24 booked {} at center {}: pay to confirm on the site ({})", Pii.maskCode(bookId), target.centerId(),
          link == null ? "no payment link given" : "payment link known");
      return new Booking(booking.slot(), booking.providerBookingKey(), booking.trackingCode(), booking.bookedAt(),
          PaymentState.PAY_TO_CONFIRM, link);
    }
    log.info("paziresh24 booked {} at center {}", Pii.maskCode(bookId), target.centerId());
    return booking;
  }

  /**
   * Where a booking that needs online payment is paid (spec 5.6): the site's factor page
   * {@code <www>/factor/<center_id>/<book id>} for {@code server_id} 1 (the default), else the
   * answer's {@code payment.redirect_url} when it is an absolute http(s) URL.
   */
  private Optional<java.net.URI> paymentLink(Target target, String bookId, JsonNode payment) {
    String server = Paziresh24Client.key(target, Field.SERVER_ID).orElse(Value.MAIN_SERVER_ID).strip();
    if (server.equals(Value.MAIN_SERVER_ID)) {
      return Optional.of(client.settings.www().newBuilder().addPathSegment(Value.FACTOR_PAGE)
          .addPathSegment(target.centerId()).addPathSegment(bookId).build().uri());
    }
    return Json.text(payment, Field.REDIRECT_URL).map(String::strip).flatMap(u -> {
      okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(u);
      return parsed == null ? Optional.empty() : Optional.of(parsed.uri());
    });
  }

  /** SHOW_FORM (spec 5.9): nothing booked; the hold is given back and a person gets the booking page. */
  private SlotHunterException manualActionRequired(Hold hold, AccountSession session) {
    try {
      release(hold, session);
    } catch (SlotHunterException e) {
      log.warn("paziresh24 release after a pre-booking form failed ({}); the hold lapses by itself", e.code());
    }
    java.net.URI page = handOff.apply(hold.slot()).orElse(null);
    return SlotHunterException.builder(ErrorCode.MANUAL_ACTION_REQUIRED).providerId(ResponseClassifier.PROVIDER)
        .message("paziresh24 bookingAddon: the doctor's pre-booking widget asks for a form a person must fill in;"
            + " nothing was booked, finish the booking on the site")
        .handOff(page).build();
  }

  /**
   * {@inheritDoc}
   *
   * <p>spec 8: {@code POST <www>/api/moveBook} (never the booking prefix), form exactly
   * {@code center_id}, {@code reference_code} (the existing booking's tracking code) and
   * {@code request_code} (the new hold). The site moves only in-person bookings that are not awaiting
   * payment, within one center; anything else is refused with {@code UNSUPPORTED} before a request.
   *
   * @throws SlotHunterException {@code UNSUPPORTED} (nothing sent) for an online visit (center
   *     {@code 5532}), a booking awaiting payment, one without a tracking code, or a hold at another
   *     center, and for an HTTP 404 (no such route: nothing moved); {@code HOLD_EXPIRED} for status 300; {@code INVALID_INPUT} for status 0; {@code
   *     PROTOCOL} for other statuses, naming the message; transport errors as usual (outcome unknown)
   */
  @Override
  public Booking move(Booking existing, Hold newHold, AccountSession session) {
    Objects.requireNonNull(existing, "existing");
    Objects.requireNonNull(newHold, "newHold");
    Target from = existing.slot().target();
    Target to = newHold.slot().target();
    Paziresh24Client.requireOwn(from);
    Paziresh24Client.requireOwn(to);
    String unmovable = unmovable(existing, newHold);
    if (unmovable != null) {
      throw ResponseClassifier.error(ErrorCode.UNSUPPORTED, Endpoint.MOVE_BOOK, unmovable).build();
    }
    client.requireUsable(session);
    FormData form = new FormData()
        .add(Field.CENTER_ID, from.centerId())
        .add(Field.REFERENCE_CODE, existing.trackingCode())
        .add(Field.REQUEST_CODE, newHold.providerHoldKey());
    JsonNode body;
    try {
      body = client.postJson(Endpoint.MOVE_BOOK, client.settings.url(Endpoint.MOVE_BOOK).build(), form,
          Paziresh24Client.targetHeaders(from), session);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        // HTTP 404: the route is not there (a mirror or fake without it); nothing was moved
        throw ResponseClassifier.error(ErrorCode.UNSUPPORTED, Endpoint.MOVE_BOOK,
            "the site has no moveBook route (HTTP 404); nothing was moved").cause(e).build();
      }
      throw e;
    }
    ResponseClassifier.requireSuccess(Endpoint.MOVE_BOOK, body);
    log.info("paziresh24 moved booking {} at center {} to a new slot", Pii.maskCode(existing.providerBookingKey()),
        from.centerId());
    return existing.movedTo(newHold.slot(), client.now());
  }

  /** Why the site would not move this booking (spec 8), or {@code null} when it may. */
  private static String unmovable(Booking existing, Hold newHold) {
    Target from = existing.slot().target();
    if (Value.ONLINE_CENTER_ID.equals(from.centerId())) {
      return "online-visit bookings cannot be moved";
    }
    if (existing.paymentRequired()) {
      return "a booking awaiting payment cannot be moved";
    }
    if (existing.trackingCode().isEmpty()) {
      return "booking " + existing.providerBookingKey() + " has no tracking code to move it by";
    }
    Target to = newHold.slot().target();
    if (!from.centerId().equals(to.centerId()) || !from.serviceId().equals(to.serviceId())
        || !from.ref().equals(to.ref())) {
      return "a booking moves only within its own doctor, center and service";
    }
    return null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Paziresh24: online visits (center {@code 5532}) and priced services usually need online
   * payment (spec 5.6, MED); in-person visits priced 0 are paid at the office.
   */
  @Override
  public boolean paymentExpected(Target target, Long price) {
    Objects.requireNonNull(target, "target");
    return Value.ONLINE_CENTER_ID.equals(target.centerId()) || (price != null && price > 0);
  }

  /** {@inheritDoc} The session may be {@code null} or expired: the release is then sent without the token. */
  @Override
  public void release(Hold hold, AccountSession session) {
    release(hold, null, session);
  }

  /**
   * {@inheritDoc} A hold is bound to the terminal that asked for it (spec 2.2, MED): the release of
   * another terminal's hold (an earlier run's) names that terminal in {@code terminal_id}.
   */
  @Override
  public void release(Hold hold, String holder, AccountSession session) {
    Objects.requireNonNull(hold, "hold");
    Target target = hold.slot().target();
    Paziresh24Client.requireOwn(target);
    FormData form = new FormData()
        .add(Field.CENTER_ID, target.centerId())
        .addIfPresent(Field.SERVER_ID, Paziresh24Client.key(target, Field.SERVER_ID))
        .add(Field.REQUEST_CODE, hold.providerHoldKey());
    if (holder != null && ProfileParser.plausibleId(holder)) {
      form.add(Field.TERMINAL_ID, holder);
    }
    // releasing matters more than the session: an expired session still sends the release, without the token
    AccountSession auth = session != null && usable(session) ? session : null;
    JsonNode body;
    try {
      body = client.postJson(Endpoint.UNSUSPEND, client.settings.url(Endpoint.UNSUSPEND).build(), form,
          Paziresh24Client.targetHeaders(target), auth);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return; // the hold is gone: released already
      }
      throw e;
    }
    if (ResponseClassifier.isSuccess(body) || ResponseClassifier.saysAlreadyReleased(body)) {
      return;
    }
    throw ResponseClassifier.failure(Endpoint.UNSUSPEND, body);
  }

  @Override
  public void cancel(Booking booking, Patient patient, AccountSession session) {
    Objects.requireNonNull(booking, "booking");
    Objects.requireNonNull(patient, "patient");
    Target target = booking.slot().target();
    Paziresh24Client.requireOwn(target);
    client.requireUsable(session);
    String reference = booking.trackingCode().isEmpty()
        ? receiptReference(target.centerId(), booking.providerBookingKey(), session).orElseThrow(() ->
            ResponseClassifier.error(ErrorCode.INVALID_INPUT, Endpoint.DELETE_BOOK,
                "booking " + booking.providerBookingKey() + " has no tracking code and the receipt gives none").build())
        : booking.trackingCode();
    FormData form = new FormData()
        .add(Field.CENTER_ID, target.centerId())
        .add(Field.REFERENCE_CODE, reference)
        .add(Field.NATIONAL_CODE, patient.nationalCode());
    JsonNode body = client.postJson(Endpoint.DELETE_BOOK, client.settings.url(Endpoint.DELETE_BOOK).build(), form,
        Paziresh24Client.targetHeaders(target), session);
    ResponseClassifier.requireSuccess(Endpoint.DELETE_BOOK, body);
    log.info("paziresh24 cancelled booking {} at center {}", Pii.maskCode(booking.providerBookingKey()), target.centerId());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the receipt (spec 5 step 7: {@code GET <api-url>/user/v1/book/<center_id>/<book_id>}).
   * Its envelope is UNKNOWN, so the record is the first object up to three levels
   * deep that carries a {@code book_id}. Empty when the receipt answers HTTP 404, a non-success
   * {@code status} saying "not found" (or {@code status} 404), a record for another {@code book_id},
   * {@code is_deleted} truthy ({@code 1}, {@code "1"}, {@code true}) or a {@code book_status} saying
   * deleted or cancelled.
   *
   * <p>The returned slot starts at the receipt's {@code book_time} (unix seconds) and keeps the
   * booked slot's length. Only when the receipt has no plausible {@code book_time} (absent, not a
   * number, or outside 2000..2100) does it keep the booked slot as it was; the verification then
   * rests on the {@code book_id} alone. The tracking code is the receipt's {@code reference_code},
   * else the booking's; {@code bookedAt} is the booking's (the receipt does not say).
   *
   * @throws SlotHunterException {@code AUTH_REQUIRED} for an unusable session (nothing sent) or a
   *     401/403; {@code PROVIDER_UNAVAILABLE} for 5xx and timeouts; {@code RATE_LIMITED}; {@code
   *     PROTOCOL} for HTML, malformed JSON or a receipt without {@code book_id}: in all of these the
   *     booking's state is unknown
   */
  @Override
  public Optional<Booking> readBack(Booking booking, AccountSession session) {
    Objects.requireNonNull(booking, "booking");
    Target target = booking.slot().target();
    Paziresh24Client.requireOwn(target);
    client.requireUsable(session);
    String bookId = booking.providerBookingKey();
    JsonNode body;
    try {
      body = receipt(target.centerId(), bookId, session);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return absent(bookId, "HTTP 404");
      }
      throw e;
    }
    Optional<JsonNode> found = Json.findObject(body, Field.BOOK_ID, RECEIPT_DEPTH, v -> Json.text(v).isPresent());
    if (found.isEmpty()) {
      if (ResponseClassifier.saysNoSuchBooking(body)) {
        return absent(bookId, "the receipt says not found");
      }
      if (ResponseClassifier.status(body).isPresent() && !ResponseClassifier.isSuccess(body)) {
        throw ResponseClassifier.failure(Endpoint.RECEIPT, body);
      }
      // no excerpt: a receipt carries the patient's name, mobile and national code
      List<String> keys = new ArrayList<>();
      body.fieldNames().forEachRemaining(keys::add);
      throw ResponseClassifier.error(ErrorCode.PROTOCOL, Endpoint.RECEIPT,
          "no book_id in the receipt (top-level keys " + keys + ")").build();
    }
    JsonNode record = found.get();
    if (!bookId.equals(Json.text(record, Field.BOOK_ID).orElseThrow())) {
      return absent(bookId, "the receipt is for another booking");
    }
    if (Json.truthy(record.get(Field.IS_DELETED))
        || Json.text(record, Field.BOOK_STATUS).filter(ResponseClassifier::saysBookingGone).isPresent()) {
      return absent(bookId, "the receipt says deleted");
    }
    String tracking = Json.text(record, Field.REFERENCE_CODE)
        .or(() -> Json.findText(body, Field.REFERENCE_CODE, RECEIPT_DEPTH))
        .map(code -> ProfileParser.cut(code, 100))
        .orElse(booking.trackingCode());
    log.debug("paziresh24 read back booking {}: on record", Pii.maskCode(bookId));
    // the receipt does not say whether payment is still due here: the booking's own state is kept
    return Optional.of(new Booking(receiptSlot(booking.slot(), record), bookId, tracking, booking.bookedAt(),
        booking.payment(), booking.paymentLink()));
  }

  private static Optional<Booking> absent(String bookId, String why) {
    log.debug("paziresh24 read back booking {}: not on record ({})", Pii.maskCode(bookId), why);
    return Optional.empty();
  }

  /** The booked slot moved to the receipt's {@code book_time}, or the booked slot when the receipt has none. */
  private static Slot receiptSlot(Slot booked, JsonNode record) {
    OptionalLong time = Json.integer(record.get(Field.BOOK_TIME));
    if (time.isEmpty() || time.getAsLong() < MIN_BOOK_TIME || time.getAsLong() > MAX_BOOK_TIME) {
      return booked;
    }
    Instant start = Instant.ofEpochSecond(time.getAsLong());
    if (start.equals(booked.start())) {
      return booked;
    }
    Instant end = start.plus(booked.length());
    return new Slot(booked.target(), start, end, start.getEpochSecond() + "-" + end.getEpochSecond());
  }

  /** The receipt (spec 5 step 7) as a JSON object; HTTP and transport errors are thrown as usual. */
  private JsonNode receipt(String centerId, String bookId, AccountSession session) {
    String body = client.get(Endpoint.RECEIPT, client.settings.url(Endpoint.RECEIPT, centerId, bookId).build(),
        session).body();
    return ResponseClassifier.json(Endpoint.RECEIPT, body);
  }

  /**
   * The receipt's {@code reference_code} (spec 5 step 7). A failure here must not turn a made
   * booking into an error, so it is logged and gives empty.
   */
  private Optional<String> receiptReference(String centerId, String bookId, AccountSession session) {
    try {
      return Json.findText(receipt(centerId, bookId, session), Field.REFERENCE_CODE, RECEIPT_DEPTH);
    } catch (SlotHunterException e) {
      log.warn("paziresh24 receipt for booking {} failed ({}); no tracking code", bookId, e.code());
      return Optional.empty();
    }
  }

  private boolean usable(AccountSession session) {
    try {
      client.requireUsable(session);
      return true;
    } catch (SlotHunterException e) {
      return false;
    }
  }
}

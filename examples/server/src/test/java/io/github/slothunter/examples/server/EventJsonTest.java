package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotLabel;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final Instant AT = Instant.parse("2026-01-03T05:30:00Z");
  private static final Target TARGET = new Target(new DoctorRef("paziresh24", "dr-x"), "1001", "2001", Map.of("k", "v"));
  private static final Slot SLOT = new Slot(TARGET, Instant.parse("2026-01-05T05:30:00Z"),
      Instant.parse("2026-01-05T05:45:00Z"), "key-1");

  private static JsonNode json(io.github.slothunter.api.SlotEvent e) {
    return Json.read(Json.write(EventJson.of(e)));
  }

  @Test
  void slotEventsCarryTheSlotInUtcAndTehranTime() {
    SlotOpened event = new SlotOpened("w1", "own_1", SLOT, URI.create("https://example.com/b"), AT);
    JsonNode opened = json(event);
    JsonNode gone = json(new SlotGone("w1", "own_1", SLOT, AT));

    assertThat(opened.get("type").asText()).isEqualTo("SlotOpened");
    assertThat(opened.get("id").asText()).isEqualTo(event.id());
    assertThat(opened.get("watchId").asText()).isEqualTo("w1");
    assertThat(opened.get("at").asText()).isEqualTo(AT.toString());
    assertThat(opened.get("bookingLink").asText()).isEqualTo("https://example.com/b");
    assertThat(opened.get("slot").get("startTehran").asText()).isEqualTo("2026-01-05T09:00");
    assertThat(opened.get("slot").get("target").asText()).isEqualTo("paziresh24:dr-x/1001/2001");
    assertThat(Ids.targetId(opened.get("slot").get("targetId").asText())).contains("paziresh24:dr-x/1001/2001");
    assertThat(opened.has("owner")).isFalse();
    assertThat(gone.get("slot").get("id").asText()).isEqualTo(SLOT.id());
    assertThat(json(new SlotOpened("w1", "own_1", SLOT, null, AT)).get("bookingLink").isNull()).isTrue();
  }

  @Test
  void theIdIsTheEnginesStableEventIdTheSameForTheSameEventEverywhere() {
    // two processes (or a replay after a restart) build the same event from the same facts
    JsonNode here = json(new SlotOpened("w1", "own_1", SLOT, null, AT));
    JsonNode elsewhere = json(new SlotOpened("w1", "own_1", SLOT, null, AT));
    JsonNode reopened = json(new SlotOpened("w1", "own_1", SLOT, null, AT.plusSeconds(3600)));
    JsonNode gone = json(new SlotGone("w1", "own_1", SLOT, AT));
    JsonNode throttled = json(new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), AT));

    assertThat(here.get("id").asText()).matches("ev_[A-Za-z0-9_-]{22}").isEqualTo(elsewhere.get("id").asText());
    assertThat(reopened.get("id").asText()).isNotEqualTo(here.get("id").asText());
    assertThat(gone.get("id").asText()).isNotEqualTo(here.get("id").asText());
    assertThat(throttled.get("id").asText()).startsWith("ev_");
  }

  @Test
  void bookingEventsCarryTheOutcomeButNoPatient() {
    Booking booking = new Booking(SLOT, "b-1", "TRACK-42", AT);
    JsonNode ok = json(new BookingSucceeded("w1", "own_1", booking, true, AT));
    JsonNode failed = json(new BookingFailed("w1", "own_1", SLOT, ErrorCode.SLOT_TAKEN, "someone else took it", true, AT));
    JsonNode unknown = json(new BookingOutcomeUnknown("w1", "own_1", SLOT, "w1|x", AT));
    JsonNode held = json(new HoldPlaced("w1", "own_1", new Hold(SLOT, "h-1", AT.plusSeconds(300)), AT));

    assertThat(ok.get("booking").get("trackingCode").asText()).isEqualTo("TRACK-42");
    assertThat(ok.get("booking").get("verified").asBoolean()).isTrue();
    assertThat(failed.get("code").asText()).isEqualTo("SLOT_TAKEN");
    assertThat(failed.get("willRetry").asBoolean()).isTrue();
    assertThat(unknown.get("slot").get("id").asText()).isEqualTo(SLOT.id());
    JsonNode holdUnknown = json(new io.github.slothunter.api.HoldOutcomeUnknown("w1", "own_1", SLOT, "w1|x",
        AT.plusSeconds(360), AT));
    assertThat(holdUnknown.get("type").asText()).isEqualTo("HoldOutcomeUnknown");
    assertThat(holdUnknown.get("lapsesAt").asText()).isEqualTo(AT.plusSeconds(360).toString());
    assertThat(holdUnknown.get("slot").get("id").asText()).isEqualTo(SLOT.id());
    assertThat(held.get("holdExpiresAt").asText()).isEqualTo(AT.plusSeconds(300).toString());
  }

  @Test
  void aBookingAwaitingPaymentSaysPayToConfirmWithTheLink() {
    URI pay = URI.create("https://www.paziresh24.com/factor/5532/b-1");
    Booking unpaid = new Booking(SLOT, "b-1", "TRACK-42", AT, io.github.slothunter.api.PaymentState.PAY_TO_CONFIRM, pay);

    JsonNode paid = json(new BookingSucceeded("w1", "own_1", unpaid, true, AT)).get("booking");
    JsonNode free = json(new BookingSucceeded("w1", "own_1", new Booking(SLOT, "b-2", "T", AT), true, AT)).get("booking");

    assertThat(paid.get("paymentRequired").asBoolean()).isTrue();
    assertThat(paid.get("paymentLink").asText()).isEqualTo(pay.toString());
    assertThat(free.get("paymentRequired").asBoolean()).isFalse();
    assertThat(free.has("paymentLink")).isFalse();
  }

  @Test
  void watchAndEngineEventsKeepTheirFields() {
    JsonNode paused = json(new WatchPaused("w1", "own_1", ErrorCode.AUTH_REQUIRED, "log in again", AT));
    JsonNode resumed = json(new WatchResumed("w1", "own_1", AT));
    JsonNode throttled = json(new ProviderThrottled("paziresh24", ErrorCode.RATE_LIMITED, Duration.ofSeconds(30), AT));
    JsonNode dropped = json(new EventsDropped(5, AT));

    assertThat(paused.get("code").asText()).isEqualTo("AUTH_REQUIRED");
    assertThat(paused.get("message").asText()).isEqualTo("log in again");
    assertThat(resumed.get("type").asText()).isEqualTo("WatchResumed");
    assertThat(resumed.size()).isEqualTo(5); // id, type, at, atText, watchId
    assertThat(throttled.get("pauseSeconds").asLong()).isEqualTo(30);
    assertThat(throttled.has("watchId")).isFalse();
    assertThat(dropped.get("count").asLong()).isEqualTo(5);
  }

  @Test
  void nonAsciiTextIsEscapedForTheStream() {
    String ascii = Json.writeAscii(EventJson.of(new WatchPaused("w1", "o", ErrorCode.AUTH_REQUIRED, "ورود دوباره", AT)));

    assertThat(ascii).doesNotContain("ورود").contains("\\u0648");
    assertThat(Json.read(ascii).get("message").asText()).isEqualTo("ورود دوباره");
  }

  @Test
  void slotAndEventTimesCarryJalaliTextInBothLanguages() {
    JsonNode opened = json(new SlotOpened("w1", "own_1", SLOT, null, AT));

    JsonNode start = opened.get("slot").get("startText");
    assertThat(start.get("fa").asText()).isEqualTo("دوشنبه ۱۵ دی ۱۴۰۴ ساعت ۰۹:۰۰");
    assertThat(start.get("en").asText()).isEqualTo("Monday 15 Dey 1404, 09:00");
    assertThat(opened.get("atText").get("fa").asText()).isEqualTo("۰۹:۰۰");
    assertThat(opened.get("atText").get("en").asText()).isEqualTo("09:00");
    // Persian text: no Latin letters, digits or punctuation (the Persian comma where one is needed)
    assertThat(start.get("fa").asText()).doesNotContainPattern("[A-Za-z0-9,]");
  }

  @Test
  void everyEngineEventTypeIsKnownByName() {
    assertThat(EventJson.TYPES).contains("SlotOpened", "SlotGone", "HoldPlaced", "BookingSucceeded", "BookingFailed",
        "WatchPaused", "ProviderThrottled", "EventsDropped").doesNotContain("WatchEvent", "SlotEvent").isSorted();
  }

  @Test
  void labelledEventsCarryTheLabelAndOneLineToReadInBothLanguages() {
    SlotLabel label = new SlotLabel("دکتر سارا", "مطب ولیعصر", "ویزیت حضوری", 1_500_000L, 3.24);
    JsonNode opened = json(new SlotOpened("w1", "own_1", SLOT, null, AT, label));
    JsonNode held = json(new HoldPlaced("w1", "own_1", new Hold(SLOT, "h-1", AT.plusSeconds(300)), AT, label));
    JsonNode failed = json(new BookingFailed("w1", "own_1", SLOT, ErrorCode.SLOT_TAKEN, "taken", false, AT, label));

    assertThat(opened.get("label").get("doctor").asText()).isEqualTo("دکتر سارا");
    assertThat(opened.get("label").get("center").asText()).isEqualTo("مطب ولیعصر");
    assertThat(opened.get("label").get("service").asText()).isEqualTo("ویزیت حضوری");
    assertThat(opened.get("label").get("price").asLong()).isEqualTo(1_500_000L);
    assertThat(opened.get("label").get("distanceKm").asDouble()).isEqualTo(3.2);
    assertThat(opened.get("labelText").get("en").asText())
        .isEqualTo("دکتر سارا · مطب ولیعصر · ویزیت حضوری · 1,500,000 rials · 3.2 km");
    assertThat(opened.get("labelText").get("fa").asText())
        .isEqualTo("دکتر سارا · مطب ولیعصر · ویزیت حضوری · ۱٬۵۰۰٬۰۰۰ ریال · ۳٫۲ کیلومتر");
    assertThat(held.get("label")).isEqualTo(opened.get("label"));
    assertThat(failed.get("labelText")).isEqualTo(opened.get("labelText"));
  }

  @Test
  void anUnknownLabelIsEmptyAndEventsWithoutOneHaveNone() {
    JsonNode opened = json(new SlotOpened("w1", "own_1", SLOT, null, AT));
    JsonNode gone = json(new SlotGone("w1", "own_1", SLOT, AT));

    assertThat(opened.get("label").get("doctor").asText()).isEmpty();
    assertThat(opened.get("label").get("price").isNull()).isTrue();
    assertThat(opened.get("label").get("distanceKm").isNull()).isTrue();
    assertThat(opened.get("labelText").get("fa").asText()).isEmpty();
    assertThat(gone.has("label")).isFalse();
  }
}

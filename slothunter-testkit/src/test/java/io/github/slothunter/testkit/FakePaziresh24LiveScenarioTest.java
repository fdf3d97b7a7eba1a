package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenario keys of the live-protocol switches: booking off, price, widget, windows, strict terminals, holidays. */
class FakePaziresh24LiveScenarioTest {
  private static final String SCENARIO = "{\n"
      + "  \"now\": \"2026-01-03T05:30:00Z\",\n"
      + "  \"bookingWindowDays\": 30, \"allSlotsWindowDays\": 3, \"strictTerminals\": true,\n"
      + "  \"requireWidgetMetaData\": true, \"holidays\": {\"2026-02-11\": \"پیروزی انقلاب اسلامی\"},\n"
      + "  \"doctors\": [{\n"
      + "    \"slug\": \"dr-a\",\n"
      + "    \"widget\": {\"app\": \"insurance-check\", \"captcha\": true, \"metaData\": {\"insurance_id\": \"12\"}},\n"
      + "    \"centers\": [{\"id\": \"c1\", \"services\": [\n"
      + "      {\"id\": \"paid\", \"userCenterId\": \"u1\", \"price\": 3200000,\n"
      + "       \"days\": [{\"date\": \"2026-01-04\", \"from\": \"09:00\", \"to\": \"10:00\"},\n"
      + "                {\"date\": \"2026-01-10\", \"from\": \"09:00\", \"to\": \"10:00\"}]},\n"
      + "      {\"id\": \"off\", \"userCenterId\": \"u1\", \"bookingOff\": true,\n"
      + "       \"days\": [{\"date\": \"2026-01-04\", \"from\": \"09:00\", \"to\": \"10:00\"}]}\n"
      + "    ]}]\n"
      + "  }]\n"
      + "}";

  private static FakePaziresh24 load(String json) {
    return FakePaziresh24.fromScenario(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void scenarioSwitchesReachTheSite() {
    try (FakePaziresh24 fake = load(SCENARIO).start()) {
      P24Client anonymous = new P24Client(fake.baseUrl(), null);
      String minted = P24Client.json(anonymous.postForm("/api/setTerminal", Map.of("type", "web"))).get("id").asText();
      P24Client client = new P24Client(fake.baseUrl(), minted);
      Map<String, String> paid = Map.of("center_id", "c1", "service_id", "paid", "user_center_id", "u1");

      JsonNode slots = client.rpc("getFreeDays", paid);
      JsonNode calendar = client.rpc("getFreeDays", Fixtures.with(paid, "return_free_turns", "false"));
      JsonNode off = client.rpc("getFreeDays", Map.of("center_id", "c1", "service_id", "off", "user_center_id", "u1"));
      JsonNode strict = new P24Client(fake.baseUrl(), Fixtures.TERMINAL_A).rpc("getFreeDays", paid);
      JsonNode widget = P24Client.json(anonymous.get("/api/v1/widgets/?slug=dr-a")).get(0);
      JsonNode form = P24Client.json(P24Client.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(widget.get("data_endpoint").asText())).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()));
      JsonNode price = P24Client.json(anonymous.get("/v1/service-price?center_id=c1&service_id=paid&user_center_id=u1"));

      assertThat(slots.at("/calendar/end_date").asText()).isEqualTo("2026-01-06");
      assertThat(slots.at("/calendar/turns")).hasSize(1);
      assertThat(calendar.at("/calendar/end_date").asText()).isEqualTo("2026-02-02");
      assertThat(calendar.at("/calendar/turns")).hasSize(2);
      assertThat(calendar.at("/calendar/holidays").size()).isEqualTo(1);
      assertThat(off.get("status").asInt()).isEqualTo(700);
      assertThat(strict.get("status").asInt()).isEqualTo(3);
      assertThat(form.get("action").asText()).isEqualTo("SHOW_FORM");
      assertThat(price.at("/result/service_price").asLong()).isEqualTo(3_200_000);
      assertThat(price.at("/result/vat").asLong()).isEqualTo(96_000);
    }
  }

  @Test
  void unknownWidgetKeysAreErrors() {
    String bad = "{\"doctors\":[{\"slug\":\"dr-a\",\"widget\":{\"app\":\"x\",\"colour\":\"red\"}}]}";

    assertThatThrownBy(() -> load(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
  }
}

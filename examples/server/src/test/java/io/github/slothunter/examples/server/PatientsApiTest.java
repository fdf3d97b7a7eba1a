package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.testkit.FakeAccountUser;
import io.github.slothunter.testkit.FakeBooking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An owner's patients over the API: saved, listed masked, imported from the provider login, chosen for a watch. */
class PatientsApiTest extends SharedServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static String patientBody(String label, String firstName, String nationalCode, String mobile) {
    return "{\"label\":" + Json.write(label) + ",\"firstName\":" + Json.write(firstName) + ",\"lastName\":\"آزمون\","
        + "\"nationalCode\":\"" + nationalCode + "\",\"mobile\":\"" + mobile + "\",\"gender\":\"female\"}";
  }

  private String login(TestServer.Created o, String mobile) {
    String loginId = s.post("/api/v1/logins", o.key(), "{\"provider\":\"paziresh24\",\"mobile\":\"" + mobile + "\"}")
        .json().get("id").asText();
    return s.post("/api/v1/logins/" + loginId + "/complete", o.key(), "{\"code\":\"1234\"}").json().get("sessionId")
        .asText();
  }

  private static List<String> labels(JsonNode patients) {
    List<String> out = new ArrayList<>();
    patients.forEach(p -> out.add(p.get("label").asText()));
    return out;
  }

  @Test
  void aSavedPatientIsListedWithItsNationalCodeAndMobileMaskedAndAnOpaqueId() {
    TestServer.Created o = s.owner("family-1", "PREMIUM");

    TestServer.Response created = s.post("/api/v1/patients", o.key(), patientBody("مامان", "مریم", "0499370899",
        "09121234567"));
    TestServer.Response again = s.post("/api/v1/patients", o.key(), patientBody("مامان", "مریم", "0499370899",
        "09129998877"));
    TestServer.Response list = s.get("/api/v1/patients", o.key());

    assertThat(created.status()).isEqualTo(201);
    assertThat(again.status()).as("the same label is replaced").isEqualTo(200);
    JsonNode p = list.json().get(0);
    assertThat(list.json()).hasSize(1);
    assertThat(p.get("label").asText()).isEqualTo("مامان");
    assertThat(p.get("nationalCode").asText()).isEqualTo("********99");
    assertThat(p.get("mobile").asText()).isEqualTo("0912***8877");
    assertThat(p.get("provider").isNull()).isTrue();
    assertThat(p.get("accountUser").asBoolean()).isFalse();
    assertThat(p.get("id").asText()).startsWith("pat_").doesNotContain("مامان");
    assertThat(created.header("Location")).isEqualTo("/api/v1/patients/" + p.get("id").asText());
    assertThat(created.body() + again.body() + list.body()).doesNotContain("0499370899", "09121234567", "09129998877");
    assertThat(s.get("/api/v1/patients/" + p.get("id").asText(), o.key()).json().get("label").asText())
        .isEqualTo("مامان");
  }

  @Test
  void anotherOwnerNeitherSeesNorRemovesYourPatients() {
    TestServer.Created a = s.owner("family-a", "PREMIUM");
    TestServer.Created b = s.owner("family-b", "PREMIUM");
    String id = s.post("/api/v1/patients", a.key(), patientBody("me", "Sara", "0499370899", "09121234567"))
        .json().get("id").asText();

    assertThat(s.get("/api/v1/patients", b.key()).json()).isEmpty();
    assertThat(s.get("/api/v1/patients/" + id, b.key()).status()).isEqualTo(404);
    assertThat(s.delete("/api/v1/patients/" + id, b.key()).status()).isEqualTo(404);
    assertThat(s.get("/api/v1/patients/" + id, TestServer.ADMIN).status()).as("the admin acts for no owner")
        .isEqualTo(403);
    assertThat(s.get("/api/v1/patients", null).status()).isEqualTo(401);
    assertThat(s.get("/api/v1/patients", a.key()).json()).hasSize(1);
  }

  @Test
  void removingAPatientTakesItOffTheList() {
    TestServer.Created o = s.owner("family-rm", "PREMIUM");
    String id = s.post("/api/v1/patients", o.key(), patientBody("me", "Sara", "0499370899", "09121234567"))
        .json().get("id").asText();

    TestServer.Response removed = s.delete("/api/v1/patients/" + id, o.key());

    assertThat(removed.status()).isEqualTo(204);
    assertThat(s.get("/api/v1/patients", o.key()).json()).isEmpty();
    assertThat(s.delete("/api/v1/patients/" + id, o.key()).status()).isEqualTo(404);
  }

  @Test
  void anInvalidPatientIsRefusedWithoutEchoingItsValues() {
    TestServer.Created o = s.owner("family-bad", "PREMIUM");

    TestServer.Response bad = s.post("/api/v1/patients", o.key(), patientBody("me", "Sara", "0499370898", "09121234567"));
    TestServer.Response unknown = s.post("/api/v1/patients", o.key(), "{\"label\":\"me\",\"colour\":\"red\"}");

    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("nationalCode").doesNotContain("0499370898");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(s.get("/api/v1/patients", o.key()).json()).isEmpty();
  }

  @Test
  void importTakesTheAccountsPeopleAndAWatchBooksForTheOneChosenByLabel() {
    TestServer.Created o = s.owner("family-import", "PREMIUM");
    s.fake.accountHolder("09121230001", "سارا", "آزمون", "0012345679");
    FakeAccountUser son = s.fake.addAccountUser("09121230001", "علی", "آزمون", "0499370899", "09351234567");
    String session = login(o, "09121230001");

    TestServer.Response imported = s.post("/api/v1/patients/import", o.key(), "{\"sessionId\":\"" + session + "\"}");
    TestServer.Response watch = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link(TestServer.SARA)
        + "\",\"centerId\":\"1001\",\"autoBook\":{\"sessionId\":\"" + session + "\",\"patientLabel\":\"علی آزمون\"}}");
    s.openSaraSlot(15, 30);
    s.poll();
    s.poll();
    Await.until(WAIT, () -> s.get("/api/v1/bookings", o.key()).json().size() == 1);

    assertThat(imported.status()).isEqualTo(200);
    assertThat(labels(imported.json())).containsExactly("سارا آزمون", "علی آزمون");
    assertThat(imported.json().get(1).get("accountUser").asBoolean()).isTrue();
    assertThat(imported.json().get(1).get("provider").asText()).isEqualTo("paziresh24");
    assertThat(imported.body()).doesNotContain("0499370899", "09351234567", son.id());
    assertThat(watch.status()).isEqualTo(201);
    FakeBooking made = s.fake.bookings().get(s.fake.bookings().size() - 1);
    assertThat(made.selectedUserId()).isEqualTo(son.id());
    assertThat(made.firstName()).isEqualTo("علی");
    assertThat(made.nationalCode()).isEqualTo("0499370899");
  }

  @Test
  void aWatchCanNameThePatientById() {
    TestServer.Created o = s.owner("family-id", "PREMIUM");
    String id = s.post("/api/v1/patients", o.key(), patientBody("me", "Sara", "0012345679", "09121230002"))
        .json().get("id").asText();
    String session = login(o, "09121230002");

    TestServer.Response watch = s.post("/api/v1/watches", o.key(), "{\"link\":\"" + TestServer.link(TestServer.REZA)
        + "\",\"autoBook\":{\"sessionId\":\"" + session + "\",\"patientId\":\"" + id + "\"}}");

    assertThat(watch.status()).isEqualTo(201);
    assertThat(watch.json().get("autoBook").asBoolean()).isTrue();
  }

  @Test
  void aWatchNamesExactlyOnePatientThatIsYours() {
    TestServer.Created o = s.owner("family-one", "PREMIUM");
    s.post("/api/v1/patients", o.key(), patientBody("me", "Sara", "0012345679", "09121230003"));
    String session = login(o, "09121230003");
    String base = "{\"link\":\"" + TestServer.link(TestServer.SARA) + "\",\"autoBook\":{\"sessionId\":\"" + session + "\",";

    TestServer.Response none = s.post("/api/v1/watches", o.key(), base + "\"maxBookings\":1}}");
    TestServer.Response both = s.post("/api/v1/watches", o.key(), base + "\"patientLabel\":\"me\",\"patientId\":\"pat_x\"}}");
    TestServer.Response unknown = s.post("/api/v1/watches", o.key(), base + "\"patientLabel\":\"mom\"}}");

    assertThat(none.status()).isEqualTo(422);
    assertThat(none.json().get("message").asText()).contains("exactly one");
    assertThat(both.status()).isEqualTo(422);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("message").asText()).contains("autoBook.patientLabel");
    assertThat(s.get("/api/v1/watches", o.key()).json()).isEmpty();
  }

  @Test
  void importNeedsALiveSessionOfYourOwn() {
    TestServer.Created a = s.owner("import-a", "PREMIUM");
    TestServer.Created b = s.owner("import-b", "PREMIUM");
    String sessionOfA = login(a, "09121230004");

    TestServer.Response r = s.post("/api/v1/patients/import", b.key(), "{\"sessionId\":\"" + sessionOfA + "\"}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("message").asText()).contains("sessionId");
    assertThat(s.get("/api/v1/patients", b.key()).json()).isEmpty();
  }
}

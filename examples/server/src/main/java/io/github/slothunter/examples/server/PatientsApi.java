package io.github.slothunter.examples.server;

import static io.github.slothunter.examples.server.Api.PREFIX;
import static io.github.slothunter.examples.server.Api.json;
import static io.github.slothunter.examples.server.Api.owner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.core.SlotHunter;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's patients over the API ({@code /api/v1/patients}): list, save, import from a provider
 * login, read and delete, each found by an opaque {@code pat_} id ({@link PatientIds}) so labels
 * (names) never appear in URLs. Answers mask national codes and mobiles. Thread-safe.
 */
final class PatientsApi {
  private final SlotHunter hunter;
  private final PatientIds patientIds;
  private final ProviderLogins logins;

  PatientsApi(SlotHunter hunter, PatientIds patientIds, ProviderLogins logins) {
    this.hunter = hunter;
    this.patientIds = patientIds;
    this.logins = logins;
  }

  private static final Set<String> PATIENT_SAVE_FIELDS = Set.of("label", "firstName", "lastName", "nationalCode",
      "mobile", "gender");

  void list(Context ctx) {
    Owner owner = owner(ctx);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (OwnerPatient p : hunter.patients(owner.id())) {
      out.add(patientView(owner, p));
    }
    json(ctx, 200, out);
  }

  void save(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), PATIENT_SAVE_FIELDS);
    String label = body.requiredString("label", OwnerPatient.MAX_LABEL);
    Patient patient = WatchesApi.patient(body, "");
    boolean replaced = hunter.patient(owner.id(), label).isPresent();
    OwnerPatient saved = hunter.savePatient(owner.id(), label, patient);
    ctx.header("Location", PREFIX + "/patients/" + patientIds.of(owner.id(), saved.label()));
    json(ctx, replaced ? 200 : 201, patientView(owner, saved));
  }

  void importFromAccount(Context ctx) {
    Owner owner = owner(ctx);
    JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), Set.of("sessionId"));
    AccountSession session = logins.live(owner.id(), body.requiredString("sessionId", 100), "sessionId");
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (OwnerPatient p : hunter.importAccountPatients(owner.id(), session.providerId(), session)) {
      out.add(patientView(owner, p));
    }
    json(ctx, 200, out);
  }

  /** The owner's patient with this opaque id, if any. */
  Optional<OwnerPatient> owned(Owner owner, String patientId) {
    if (!patientId.startsWith(PatientIds.PREFIX)) {
      return Optional.empty();
    }
    return hunter.patients(owner.id()).stream().filter(p -> patientIds.of(owner.id(), p.label()).equals(patientId))
        .findFirst();
  }

  private OwnerPatient ownedPatient(Context ctx) {
    Owner owner = owner(ctx);
    String id = ctx.pathParam("patientId");
    return owned(owner, id).orElseThrow(() -> ApiException.notFound("no patient "
        + (id.length() > 40 ? "with that id" : id)));
  }

  void get(Context ctx) {
    json(ctx, 200, patientView(owner(ctx), ownedPatient(ctx)));
  }

  void delete(Context ctx) {
    OwnerPatient p = ownedPatient(ctx);
    hunter.removePatient(owner(ctx).id(), p.label());
    ctx.status(204);
  }

  /** A patient as the owner sees it: names in clear, national code and mobile masked. */
  private ObjectNode patientView(Owner owner, OwnerPatient p) {
    ObjectNode n = Json.object();
    n.put("id", patientIds.of(owner.id(), p.label()));
    n.put("label", p.label());
    n.put("firstName", p.patient().firstName());
    n.put("lastName", p.patient().lastName());
    n.put("nationalCode", Pii.maskNationalCode(p.patient().nationalCode()));
    n.put("mobile", Pii.maskMobile(p.patient().mobile()));
    n.put("gender", p.patient().gender().name());
    n.put("provider", p.providerId());
    n.put("accountUser", p.patient().accountUserId() != null);
    return n;
  }
}

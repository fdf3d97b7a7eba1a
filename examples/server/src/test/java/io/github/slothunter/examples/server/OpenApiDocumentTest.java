package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes the server has, each with its errors. */
class OpenApiDocumentTest {
  private final JsonNode doc = Json.read(SlotHunterServer.resource("openapi.json"));

  private List<String> documented() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return out;
  }

  @Test
  void documentsEveryRouteAndNothingElse() {
    assertThat(documented()).containsExactlyInAnyOrderElementsOf(Api.ROUTES);
  }

  @Test
  void everyProtectedOperationDocumentsAuthAndRateLimitErrors() {
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        JsonNode responses = op.getValue().get("responses");
        boolean isPublic = op.getValue().has("security") && op.getValue().get("security").isEmpty();
        // public routes are outside every limit (Authenticator.PUBLIC); the others may answer 429
        assertThat(responses.has("429")).as(op.getKey() + " " + path.getKey()).isEqualTo(!isPublic);
        assertThat(isPublic).as(op.getKey() + " " + path.getKey())
            .isEqualTo(Authenticator.PUBLIC.contains(path.getKey()));
        assertThat(isPublic || responses.has("401")).as(op.getKey() + " " + path.getKey()).isTrue();
        if (op.getValue().has("requestBody")) {
          assertThat(responses.has("422")).isTrue();
          assertThat(responses.has("413")).isTrue();
        }
      }
    }
  }

  @Test
  void everySchemaReferenceResolves() {
    JsonNode schemas = doc.get("components").get("schemas");
    List<String> refs = new ArrayList<>();
    collect(doc, refs);

    assertThat(refs).isNotEmpty().allSatisfy(r ->
        assertThat(schemas.has(r.substring("#/components/schemas/".length()))).as(r).isTrue());
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
    assertThat(schemas.get("Error").get("required")).extracting(JsonNode::asText).containsExactly("code", "message");
  }

  @Test
  void documentsTheEventIdAsTheDeduplicationKeyAndTheSseIdAsACursor() {
    JsonNode id = doc.get("components").get("schemas").get("Event").get("properties").get("id");
    JsonNode stream = doc.get("paths").get("/api/v1/events").get("get");

    assertThat(id.get("description").asText()).contains("deduplicate").contains("at least once").contains("ev_");
    assertThat(stream.get("summary").asText()).contains("cursor").contains("deduplicate");
  }

  private static void collect(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      if (node.has("$ref")) {
        refs.add(node.get("$ref").asText());
      }
      node.forEach(child -> collect(child, refs));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, refs));
    }
  }
}

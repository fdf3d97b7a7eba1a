package io.github.slothunter.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes exactly the routes the server has, each with its errors and with
 * examples that fit their schemas.
 */
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

  @Test
  void everyOperationHasExamplesForItsBodyAndItsAnswers() {
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
        if (op.getValue().has("requestBody")) {
          for (JsonNode media : op.getValue().get("requestBody").get("content")) {
            assertThat(media.has("example") || media.has("examples")).as(name + " request body").isTrue();
          }
        }
        int examples = 0;
        for (Map.Entry<String, JsonNode> response : op.getValue().get("responses").properties()) {
          JsonNode content = response.getValue().get("content");
          for (JsonNode media : content == null ? List.<JsonNode>of() : List.copyOf(toList(content))) {
            assertThat(media.has("example") || media.has("examples")).as(name + " " + response.getKey()).isTrue();
            examples++;
          }
        }
        assertThat(examples).as(name + " has at least one response example").isPositive();
      }
    }
  }

  @Test
  void everyExampleFitsItsSchema() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
        JsonNode body = op.getValue().get("requestBody");
        if (body != null) {
          body.get("content").properties().forEach(m -> check(m.getValue(), name + " request", problems));
        }
        for (Map.Entry<String, JsonNode> response : op.getValue().get("responses").properties()) {
          JsonNode content = response.getValue().get("content");
          if (content != null) {
            content.properties().forEach(m -> check(m.getValue(), name + " " + response.getKey(), problems));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void documentsWebhookEventTypesWithTheTypesTheServerKnows() {
    JsonNode create = doc.get("components").get("schemas").get("WebhookCreate").get("properties").get("eventTypes");

    assertThat(create.get("items").get("enum")).extracting(JsonNode::asText).containsExactlyElementsOf(EventJson.TYPES);
    assertThat(create.get("description").asText()).contains("every type").contains("422");
  }

  private void check(JsonNode media, String where, List<String> problems) {
    if (media.has("example") && media.has("schema") && media.get("example").isContainerNode()) {
      fits(media.get("example"), media.get("schema"), where, problems);
    }
    if (media.has("examples") && media.has("schema")) {
      media.get("examples").properties().forEach(e -> fits(e.getValue().get("value"), media.get("schema"),
          where + " example '" + e.getKey() + "'", problems));
    }
  }

  /** A small JSON-schema check: types, required and unknown properties, enums; enough to keep examples honest. */
  private void fits(JsonNode value, JsonNode schema, String where, List<String> problems) {
    schema = resolve(schema);
    if (schema.has("allOf")) {
      fits(value, schema.get("allOf").get(0), where, problems);
      return;
    }
    if (schema.has("oneOf")) {
      List<String> best = null;
      for (JsonNode option : schema.get("oneOf")) {
        List<String> mine = new ArrayList<>();
        fits(value, option, where, mine);
        if (best == null || mine.size() < best.size()) {
          best = mine;
        }
      }
      problems.addAll(best);
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(where + ": null but not nullable");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(where + ": not an object");
          return;
        }
        JsonNode props = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
          if (!value.has(required.asText())) {
            problems.add(where + ": missing " + required.asText());
          }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          if (props.has(field.getKey())) {
            fits(field.getValue(), props.get(field.getKey()), where + "." + field.getKey(), problems);
          } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true)) {
            problems.add(where + ": unknown property " + field.getKey());
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(where + ": not an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          fits(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(where + ": not a string");
        } else if (schema.has("enum") && toList(schema.get("enum")).stream().noneMatch(e -> e.asText().equals(value.asText()))) {
          problems.add(where + ": " + value.asText() + " is not in the enum");
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(where + ": not an integer");
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(where + ": not a number");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(where + ": not a boolean");
        }
      }
      default -> { }
    }
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      schema = doc.get("components").get("schemas").get(schema.get("$ref").asText().substring("#/components/schemas/".length()));
    }
    return schema;
  }

  private static List<JsonNode> toList(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
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

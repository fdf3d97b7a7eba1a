package io.github.slothunter.provider.paziresh24.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "true|true", "false|false", "1|true", "0|false", "0.0|false", "2.5|true", "\"yes\"|true", "\"\"|false",
      "\" 0 \"|false", "\"FALSE\"|false", "null|false", "[]|true", "{}|true"})
  void readsFlagsTheWayTheFrontendDoes(String json, boolean expected) {
    assertThat(Json.truthy(parse(json))).isEqualTo(expected);
  }

  @Test
  void treatsMissingNodesAsFalse() {
    assertThat(Json.truthy(null)).isFalse();
    assertThat(Json.truthy(JsonNodeFactory.instance.missingNode())).isFalse();
  }

  @Test
  void readsWholeNumbersFromNumbersAndText() {
    assertThat(Json.integer(parse("12"))).hasValue(12);
    assertThat(Json.integer(parse("12.0"))).hasValue(12);
    assertThat(Json.integer(parse("12.5"))).isEmpty();
    assertThat(Json.integer(parse("\" 1783229400 \""))).hasValue(1783229400L);
    assertThat(Json.integer(parse("\"1e3\""))).hasValue(1000);
    assertThat(Json.integer(parse("\"abc\""))).isEmpty();
    assertThat(Json.integer(parse("\"\""))).isEmpty();
    assertThat(Json.integer(parse("\"12345678901234567890\""))).isEmpty();
    assertThat(Json.integer(parse("123456789012345678901234567890"))).isEmpty();
    assertThat(Json.integer(parse("true"))).isEmpty();
    assertThat(Json.integer(null)).isEmpty();
  }

  @Test
  void readsScalarsAsText() {
    assertThat(Json.text(parse("\" a \""))).contains("a");
    assertThat(Json.text(parse("42"))).contains("42");
    assertThat(Json.text(parse("4.50"))).contains("4.5");
    assertThat(Json.text(parse("\"  \""))).isEmpty();
    assertThat(Json.text(parse("[1]"))).isEmpty();
    assertThat(Json.text((JsonNode) null)).isEmpty();
    assertThat(Json.text(null, "a")).isEmpty();
  }

  @Test
  void findsFieldsInUnknownEnvelopesBreadthFirst() {
    JsonNode root = parse("{\"a\":{\"b\":{\"code\":\"deep\"}},\"x\":[{\"code\":\"in-array\"}],\"c\":{\"code\":\"near\"}}");

    assertThat(Json.findText(root, "code", 3)).contains("near");
    assertThat(Json.findText(root, "code", 0)).isEmpty();
    assertThat(Json.findText(parse("[1]"), "code", 3)).isEmpty();
  }
}

package io.github.slothunter.provider.paziresh24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.spi.DoctorSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Doctor search (spec 9): {@code GET <apigw>/seapi/v1/search/<city or ir>[/<expertise>]?text=&page=}.
 * Hits that are not doctors (centers, whose links are not {@code /dr/<slug>}) are skipped.
 * Thread-safe.
 */
final class Paziresh24Search implements DoctorSearch {
  static final String ALL_IRAN = "ir";

  private final Paziresh24Client client;

  Paziresh24Search(Paziresh24Client client) {
    this.client = client;
  }

  @Override
  public List<DoctorSummary> search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    HttpUrl.Builder url = client.settings.url(Endpoint.SEARCH)
        .addPathSegment(query.city().isEmpty() ? ALL_IRAN : query.city());
    if (!query.expertise().isEmpty()) {
      url.addPathSegment(query.expertise());
    }
    if (!query.text().isEmpty()) {
      url.addQueryParameter(Field.TEXT, query.text());
    }
    url.addQueryParameter(Field.PAGE, Integer.toString(query.page()));
    String body = client.get(Endpoint.SEARCH, url.build(), null).body();
    return parse(body);
  }

  /** The doctor hits of a search body, in the site's order. */
  static List<DoctorSummary> parse(String body) {
    JsonNode root = ResponseClassifier.json(Endpoint.SEARCH, body);
    JsonNode search = root.path("search");
    if (!search.isObject() && !root.has("result")) {
      throw ResponseClassifier.protocol(Endpoint.SEARCH, "no search.result in the answer", body);
    }
    JsonNode result = search.isObject() ? search.path("result") : root.path("result");
    if (result.isMissingNode() || result.isNull()) {
      return List.of();
    }
    if (!result.isArray()) {
      throw ResponseClassifier.protocol(Endpoint.SEARCH, "search.result is not a list", body);
    }
    List<DoctorSummary> out = new ArrayList<>();
    for (JsonNode item : result) {
      summary(item).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static Optional<DoctorSummary> summary(JsonNode item) {
    Optional<String> url = Json.text(item, "url");
    Optional<DoctorRef> ref = url.isPresent()
        ? DoctorLinkParser.parse(url.get())
        : Json.text(item, "slug").flatMap(DoctorLinkParser::parse);
    String name = ProfileParser.cut(Json.text(item, "title").or(() -> Json.text(item, "display_name"))
        .orElse(Json.text(item, "name").orElse("") + " " + Json.text(item, "family").orElse("")), 200);
    if (ref.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    List<String> expertises = new ArrayList<>();
    Json.text(item, "display_expertise").map(e -> ProfileParser.cut(e, 200)).ifPresent(expertises::add);
    JsonNode city = item.path("city");
    String cityName = Json.text(city).or(() -> Json.text(city, "name")).orElse("");
    return Optional.of(new DoctorSummary(ref.get(), name, expertises, ProfileParser.cut(cityName, 200)));
  }
}

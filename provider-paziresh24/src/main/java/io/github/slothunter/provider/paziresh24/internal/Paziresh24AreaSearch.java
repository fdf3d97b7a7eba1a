package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.api.AreaCenter;
import io.github.slothunter.api.AreaHit;
import io.github.slothunter.api.AreaPage;
import io.github.slothunter.api.AreaPageRequest;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.VisitType;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Endpoint;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Field;
import io.github.slothunter.provider.paziresh24.internal.Paziresh24Endpoints.Value;
import io.github.slothunter.spi.AreaSearch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Paziresh24's area search (spec 9): one
 * {@code GET <apigw>/seapi/v1/search/<city>/<category>?page=&limit=[&sortBy=clinic_first_freeturn][&gender=male|female][&turn_type=consult|non-consult]}
 * per page, read by {@link AreaPageParser}. {@code limit} is capped at {@value Value#SEARCH_MAX_LIMIT};
 * {@link VisitType#PHONE} is sent as {@code consult} (the site's online visits include phone calls). HTTP
 * 404 (unknown city or category) is {@code NOT_FOUND}; 429, 5xx, timeouts and HTML bodies are typed as
 * for every other call. {@link #cities()} and {@link #specialties()} cost no request: they come from
 * {@link Paziresh24Vocabulary} (UNVERIFIED lists, configurable). Thread-safe.
 */
final class Paziresh24AreaSearch implements AreaSearch {
  private final Paziresh24Client client;
  private final Paziresh24Vocabulary vocabulary;
  private final Clock clock;

  Paziresh24AreaSearch(Paziresh24Client client, Paziresh24Vocabulary vocabulary, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Place> cities() {
    return vocabulary.cities();
  }

  @Override
  public List<Place> specialties() {
    return vocabulary.specialties();
  }

  @Override
  public int pageSize() {
    return Value.SEARCH_MAX_LIMIT;
  }

  @Override
  public AreaPage search(AreaPageRequest request) {
    Objects.requireNonNull(request, "request");
    int limit = Math.min(request.limit(), Value.SEARCH_MAX_LIMIT);
    HttpUrl.Builder url = client.settings.url(Endpoint.SEARCH)
        .addPathSegment(request.city())
        .addPathSegment(request.specialty())
        .addQueryParameter(Field.PAGE, Integer.toString(request.page()))
        .addQueryParameter(Field.LIMIT, Integer.toString(limit));
    if (request.earliestFirst()) {
      url.addQueryParameter(Field.SORT_BY, Value.SORT_FIRST_FREETURN);
    }
    if (request.gender() == Gender.MALE || request.gender() == Gender.FEMALE) {
      url.addQueryParameter(Field.GENDER, request.gender() == Gender.MALE ? Value.GENDER_MALE : Value.GENDER_FEMALE);
    }
    if (request.visitType() != null) {
      url.addQueryParameter(Field.TURN_TYPE,
          request.visitType() == VisitType.IN_PERSON ? Value.TURN_NON_CONSULT : Value.TURN_CONSULT);
    }
    String body;
    try {
      body = client.get(Endpoint.SEARCH, url.build(), null).body();
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw ResponseClassifier.error(ErrorCode.NOT_FOUND, Endpoint.SEARCH, "the site knows no city '"
            + request.city() + "' or specialty '" + request.specialty() + "'").cause(e).build();
      }
      throw e;
    }
    return onlyVisits(AreaPageParser.parse(body, request.page(), limit, clock.instant()), request.visitType());
  }

  /**
   * The page narrowed to the centers of one kind of visit: the site's {@code turn_type} filter picks
   * doctors, not centers, so a doctor offering both keeps both; here online and phone visits keep only
   * the online center ({@code 5532}) and in-person visits drop it. A doctor left without a center is
   * left out; {@code total} stays the site's count of doctors.
   */
  static AreaPage onlyVisits(AreaPage page, VisitType type) {
    if (type == null) {
      return page;
    }
    boolean online = type != VisitType.IN_PERSON;
    List<AreaHit> hits = new ArrayList<>();
    for (AreaHit h : page.hits()) {
      List<AreaCenter> centers = h.centers().stream()
          .filter(c -> Value.ONLINE_CENTER_ID.equals(c.centerId()) == online).toList();
      if (centers.isEmpty()) {
        continue;
      }
      List<Target> targets = h.targets().stream()
          .filter(t -> Value.ONLINE_CENTER_ID.equals(t.centerId()) == online).toList();
      hits.add(new AreaHit(h.ref(), h.displayName(), h.expertise(), h.gender(),
          Set.of(type), centers, targets));
    }
    return new AreaPage(hits, page.total(), page.page(), page.more());
  }
}

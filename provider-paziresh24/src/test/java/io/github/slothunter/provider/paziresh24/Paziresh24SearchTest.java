package io.github.slothunter.provider.paziresh24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.DoctorSummary;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SearchQuery;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.DoctorSearch;
import java.util.List;
import org.junit.jupiter.api.Test;

class Paziresh24SearchTest extends WireMockSupport {

  private DoctorSearch search() {
    return provider().search().orElseThrow();
  }

  @Test
  void searchesAllIranByTextAndKeepsOnlyDoctors() {
    stubGet("/seapi/v1/search/ir", 200, "application/json", fixture("search.json"));

    List<DoctorSummary> hits = search().search(SearchQuery.text("قلب"));

    assertThat(hits).extracting(DoctorSummary::ref).containsExactly(
        new DoctorRef("paziresh24", "dr-sara-ahmadi"), new DoctorRef("paziresh24", "علی-رضایی"));
    DoctorSummary sara = hits.get(0);
    assertThat(sara.displayName()).isEqualTo("دکتر سارا احمدی");
    assertThat(sara.expertises()).containsExactly("متخصص قلب و عروق");
    assertThat(sara.city()).isEqualTo("تهران");
    assertThat(hits.get(1).city()).isEqualTo("مشهد");
    LoggedRequest r = single("/seapi/v1/search/ir");
    assertThat(r.queryParameter("text").firstValue()).isEqualTo("قلب");
    assertThat(r.queryParameter("page").firstValue()).isEqualTo("1");
  }

  @Test
  void putsCityAndExpertiseInThePath() {
    stubGet("/seapi/v1/search/tehran/cardiology", 200, "application/json", "{\"search\":{\"result\":[]}}");

    List<DoctorSummary> hits = search().search(new SearchQuery("", "tehran", "cardiology", 3));

    assertThat(hits).isEmpty();
    LoggedRequest r = single("/seapi/v1/search/tehran/cardiology");
    assertThat(r.getUrl()).isEqualTo("/seapi/v1/search/tehran/cardiology?page=3");
  }

  @Test
  void readsAMissingResultListAsNoHits() {
    stubGet("/seapi/v1/search/ir", 200, "application/json", "{\"search\":{\"total\":0}}");

    assertThat(search().search(SearchQuery.text("x"))).isEmpty();
  }

  @Test
  void reportsAnswersOfAnotherShapeAsProtocol() {
    DoctorSearch search = search();
    stubGet("/seapi/v1/search/ir", 200, "application/json", "{\"hits\":[]}");
    assertThatThrownBy(() -> search.search(SearchQuery.text("x")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));

    stubGet("/seapi/v1/search/ir", 200, "application/json", "{\"search\":{\"result\":{\"a\":1}}}");
    assertThatThrownBy(() -> search.search(SearchQuery.text("x")))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
  }

  @Test
  void acceptsATopLevelResultList() {
    stubGet("/seapi/v1/search/ir", 200, "application/json",
        "{\"result\":[{\"display_name\":\"دکتر الف\",\"slug\":\"dr-alef\"}]}");

    assertThat(search().search(SearchQuery.text("x"))).singleElement()
        .satisfies(h -> {
          assertThat(h.ref().key()).isEqualTo("dr-alef");
          assertThat(h.expertises()).isEmpty();
          assertThat(h.city()).isEmpty();
        });
  }
}

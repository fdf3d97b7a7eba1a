package io.github.slothunter.provider.paziresh24.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.GeoPoint;
import io.github.slothunter.api.Place;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The area vocabulary: the built-in table and a file that replaces either list. */
class Paziresh24VocabularyTest {
  @TempDir
  Path dir;

  private Path file(String json) throws IOException {
    return Files.writeString(dir.resolve("v.json"), json);
  }

  @Test
  void theBuiltInTableHasTehranWithACentreAndDermatologyInBothScripts() {
    Paziresh24Vocabulary v = Paziresh24Vocabulary.builtIn();
    assertThat(v.cities()).filteredOn(p -> p.slug().equals("tehran")).singleElement()
        .satisfies(p -> assertThat(p.center()).isNotNull()).satisfies(p -> assertThat(p.names()).contains("تهران"));
    assertThat(v.specialties()).filteredOn(p -> p.slug().equals("dermatology")).singleElement()
        .satisfies(p -> assertThat(p.names()).contains("پوست", "Dermatology"));
  }

  @Test
  void aFileReplacesOnlyTheListsItHasAndAnEntryWithoutNamesIsNamedByItsSlug() throws IOException {
    Paziresh24Vocabulary v = Paziresh24Vocabulary.from(file(
        "{\"cities\":[{\"slug\":\"qom\",\"names\":[\"قم\",\"Qom\"],\"lat\":34.64,\"lon\":50.88},{\"slug\":\"yazd\"}]}"));
    assertThat(v.cities()).extracting(Place::slug).containsExactly("qom", "yazd");
    assertThat(v.cities().get(0).center()).isEqualTo(new GeoPoint(34.64, 50.88));
    assertThat(v.cities().get(1).names()).containsExactly("yazd");
    assertThat(v.cities().get(1).center()).isNull();
    assertThat(v.specialties()).isEqualTo(Paziresh24Vocabulary.builtIn().specialties());

    Paziresh24Vocabulary s = Paziresh24Vocabulary.from(file("{\"specialties\":[{\"slug\":\"dentistry\"}]}"));
    assertThat(s.cities()).isEqualTo(Paziresh24Vocabulary.builtIn().cities());
    assertThat(s.specialties()).extracting(Place::slug).containsExactly("dentistry");
  }

  @Test
  void aFileOfAnotherShapeIsRefusedNamingWhatIsWrong() throws IOException {
    for (String[] bad : new String[][] {
        {"[1,2]", "top level"},
        {"{\"cities\":{}}", "cities must be a list"},
        {"{\"specialties\":\"x\"}", "specialties must be a list"},
        {"{\"cities\":[{\"names\":[\"x\"]}]}", "without a slug"},
        {"{\"cities\":[{\"slug\":\"x\",\"lat\":\"north\"}]}", "no valid lat/lon"},
        {"{\"cities\":[{\"slug\":\"x\",\"lat\":95,\"lon\":50}]}", "x"},
        {"{not json", "malformed"}}) {
      Path f = file(bad[0]);
      assertThatThrownBy(() -> Paziresh24Vocabulary.from(f)).as(bad[0])
          .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
          .hasMessageContaining(bad[1]);
    }
    assertThatThrownBy(() -> Paziresh24Vocabulary.from(dir.resolve("missing.json")))
        .isInstanceOf(SlotHunterException.class).hasMessageContaining("NoSuchFileException");
  }
}

package io.github.slothunter.provider.doctoreto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DoctoretoParseTest {
  private final Provider provider = new DoctoretoProviderFactory().create(ProviderContext.builder("doctoreto")
      .systemProperties(new Properties()).environment(Map.of()).build());

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ | dr-vida-imani~ZaEBBZ",
      "https://www.doctoreto.com/doctor/dr-vida-imani/ZaEBBZ | dr-vida-imani~ZaEBBZ",
      "http://doctoreto.com/doctor/jamali/GXPYab | jamali~GXPYab",
      "http://www.doctoreto.com/doctor/dr-tahere-pur-dast/ZplbBE | dr-tahere-pur-dast~ZplbBE",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ?searchedFrom=headerKeyword | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ#reviews | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ/ | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ/?utm_source=x&b=1#top | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ?x=/doctor/a/BBBBBB | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com/doctor/ZaEBBZ | ZaEBBZ",
      "https://www.doctoreto.com/doctor/ZaEBBZ/ | ZaEBBZ",
      "HTTPS://WWW.DOCTORETO.COM/doctor/dr-vida-imani/ZaEBBZ | dr-vida-imani~ZaEBBZ",
      "https://doctoreto.com:443/doctor/jamali/GXPYab | jamali~GXPYab",
      "https://doctoreto.com//doctor//jamali//GXPYab | jamali~GXPYab",
      "doctoreto.com/doctor/dr-vida-imani/ZaEBBZ | dr-vida-imani~ZaEBBZ",
      "www.doctoreto.com/doctor/ZaEBBZ | ZaEBBZ",
      "https://doctoreto.com/doctor/x/ab_-12 | x~ab_-12",
      "https://doctoreto.com/doctor/%D8%AF%DA%A9%D8%AA%D8%B1/ZaEBBZ | %D8%AF%DA%A9%D8%AA%D8%B1~ZaEBBZ",
      "doctoreto:ZaEBBZ | ZaEBBZ",
      "Doctoreto:GXPYab | GXPYab",
      "doctoreto: ZplbBE | ZplbBE",
      "doctoreto:dr-vida-imani~ZaEBBZ | dr-vida-imani~ZaEBBZ",
  })
  void parsesDoctorLinksKeepingTheSlug(String input, String key) {
    assertThat(provider.parse(input)).contains(new DoctorRef("doctoreto", key));
  }

  @Test
  void parsesItsOwnRefBack() {
    DoctorRef ref = provider.parse("https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ").orElseThrow();

    assertThat(provider.parse(ref.toString())).contains(ref);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "   ",
      "ZaEBBZ",
      "doctoreto:",
      "doctoreto:ZaEBB",
      "doctoreto:ZaE/BZ",
      "doctoreto:ZaEBBZ extra",
      "doctoreto:dr-vida-imani~ZaEBB",
      "doctoreto:~ZaEBBZ",
      "paziresh24:ZaEBBZ",
      "https://doctoreto.com/",
      "https://doctoreto.com",
      "https://doctoreto.com/doctor/",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBB",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZZ",
      "https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ/reviews",
      "https://doctoreto.com/doctor/dr-vida-imani/Za.BBZ",
      "https://doctoreto.com/center/avaye-mehr-valiollah/YJpggL",
      "https://doctoreto.com/doctors/speciality/dentist/city/tehran",
      "https://doctoreto.com/search?citySlug=tehran&page=2",
      "https://doctoreto.com/reserve/consultation?item_type=0&item_id=981001",
      "https://www.paziresh24.com/dr/dr-vida-imani-0/",
      "https://doctoreto.com.evil.example/doctor/x/ZaEBBZ",
      "https://evildoctoreto.com/doctor/x/ZaEBBZ",
      "https://m.doctoreto.com/doctor/x/ZaEBBZ",
      "https://user@doctoreto.com/doctor/x/ZaEBBZ",
      "ftp://doctoreto.com/doctor/x/ZaEBBZ",
      "/doctor/dr-vida-imani/ZaEBBZ",
      "https://",
      "%%%://??##",
      "https://doctoreto.com/Doctor/x/ZaEBBZ",
  })
  void ignoresEverythingElse(String input) {
    assertThat(provider.parse(input)).isEmpty();
  }

  @Test
  void dropsInvisibleDirectionMarksAroundPastedLinks() {
    Optional<DoctorRef> ref = provider.parse("\u200F https://doctoreto.com/doctor/dr-vida-imani/ZaEBBZ\u200E\n");

    assertThat(ref).contains(new DoctorRef("doctoreto", "dr-vida-imani~ZaEBBZ"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200C", "\u200D", "\u202B", "\u202E", "\u2067", "\uFEFF", "\u061C"})
  void dropsEveryKindOfInvisibleMark(String mark) {
    assertThat(provider.parse(mark + "doctoreto:ZaEBBZ" + mark)).contains(new DoctorRef("doctoreto", "ZaEBBZ"));
  }

  @Test
  void rejectsNullAsAProgrammingError() {
    assertThatThrownBy(() -> provider.parse(null)).isInstanceOf(NullPointerException.class);
  }
}

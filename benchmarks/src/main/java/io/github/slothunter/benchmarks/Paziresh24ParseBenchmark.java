package io.github.slothunter.benchmarks;

import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.Target;
import io.github.slothunter.provider.paziresh24.Paziresh24Responses;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing cost of the Paziresh24 provider on in-memory answers (no HTTP), through its public
 * {@link Paziresh24Responses}: a getFreeTurns body with 20 slots into {@code List<Slot>}, and a
 * profile page (about 120 KB of HTML around a {@code __NEXT_DATA__} block with two centers, five
 * services and 40 reviews) into a {@code Doctor}.
 * Target: more than 50,000 free-turn responses per second on one core.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Paziresh24ParseBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -t 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class Paziresh24ParseBenchmark {
  private static final long DAY_START = 1783229400L; // 2026-07-05 09:00 Tehran

  private String freeTurns;
  private String profilePage;
  private Target target;
  private DoctorRef ref;

  @Setup
  public void setUp() {
    ref = new DoctorRef("paziresh24", "dr-sara-ahmadi");
    target = new Target(ref, "12345", "2001", Map.of("server_id", "1", "user_center_id", "77001"));
    freeTurns = freeTurnsBody(20);
    profilePage = profilePageHtml();
    // fail fast if the inputs do not parse
    if (Paziresh24Responses.freeTurns(target, freeTurns).size() != 20
        || Paziresh24Responses.profilePage(ref, profilePage).bookableTargets().size() != 2) {
      throw new IllegalStateException("benchmark inputs do not parse as expected");
    }
  }

  @Benchmark
  public List<Slot> parseFreeTurns() {
    return Paziresh24Responses.freeTurns(target, freeTurns);
  }

  @Benchmark
  public Doctor parseProfilePage() {
    return Paziresh24Responses.profilePage(ref, profilePage);
  }

  static String freeTurnsBody(int slots) {
    StringBuilder b = new StringBuilder("{\"status\":1,\"message\":\"\",\"result\":[");
    for (int i = 0; i < slots; i++) {
      long from = DAY_START + i * 900L;
      b.append(i == 0 ? "" : ",").append("{\"from\":").append(from).append(",\"to\":").append(from + 900)
          .append(",\"workhour_turn_num\":").append(i + 1).append('}');
    }
    return b.append("]}").toString();
  }

  static String profilePageHtml() {
    StringBuilder reviews = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      reviews.append(i == 0 ? "" : ",").append("{\"id\":").append(9000 + i)
          .append(",\"user_name\":\"کاربر پذیرش۲۴\",\"description\":\"برخورد بسیار خوب و توضیحات کامل درباره بیماری."
              + " زمان انتظار در مطب کم بود و نوبت به موقع انجام شد.\",\"rate\":5,\"created_at\":\"1405-04-0")
          .append(i % 9 + 1).append("\"}");
    }
    String service = "{\"id\":\"%s\",\"alias_title\":\"%s\",\"user_center_id\":\"%s\",\"free_price\":%d,"
        + "\"duration\":%d,\"hours_of_work\":[{\"day\":0,\"from\":\"09:00\",\"to\":\"13:00\"}],\"can_booking\":%s,"
        + "\"can_request\":false,\"upload_required\":false}";
    String centers = "[{\"id\":\"12345\",\"name\":\"مطب دکتر سارا احمدی\",\"server_id\":\"1\",\"user_center_id\":\"77001\","
        + "\"center_type\":1,\"status\":1,\"is_active\":true,\"address\":\"تهران، خیابان ولیعصر، بالاتر از پارک ساعی،"
        + " ساختمان پزشکان، طبقه ۳، واحد ۱۲\",\"city\":\"تهران\",\"province\":\"تهران\","
        + "\"display_number_array\":[\"021-88001122\"],\"map\":{\"lat\":35.7,\"lon\":51.4},\"services\":["
        + String.format(service, "2001", "ویزیت حضوری", "77001", 1500000, 15, "true") + ","
        + String.format(service, "2002", "نوار قلب", "77001", 800000, 10, "false") + ","
        + String.format(service, "2003", "اکوکاردیوگرافی", "77001", 3500000, 30, "false") + ","
        + String.format(service, "2004", "تست ورزش", "77001", 2500000, 30, "false") + "]},"
        + "{\"id\":\"5532\",\"name\":\"\",\"server_id\":1,\"center_type\":3,\"address\":\"\",\"services\":["
        + String.format(service, "3001", "ویزیت آنلاین", "99001", 2500000, 10, "true") + "]}]";
    String nextData = "{\"props\":{\"pageProps\":{\"slug\":\"dr-sara-ahmadi\",\"shouldFetchOnClient\":false,"
        + "\"information\":{\"id\":\"9f0c2a44\",\"server_id\":1,\"user_id\":4242,\"display_name\":\"دکتر سارا احمدی\","
        + "\"name\":\"سارا\",\"family\":\"احمدی\",\"employee_id\":\"12345\",\"experience\":12,\"gender\":\"female\","
        + "\"biography\":\"" + "فارغ التحصیل دانشگاه علوم پزشکی تهران با سابقه طولانی در درمان بیماری های قلبی. ".repeat(20)
        + "\"},\"centers\":" + centers + ",\"expertises\":{\"expertises\":[{\"id\":11,\"alias_title\":\"متخصص قلب و عروق\"},"
        + "{\"id\":12,\"alias_title\":\"فلوشیپ اکوکاردیوگرافی\"}],\"group_expertises\":[{\"id\":3,\"name\":\"قلب و عروق\"}]},"
        + "\"reviews\":[" + reviews + "]},\"__N_SSP\":true},\"page\":\"/dr/[slug]\",\"query\":{\"slug\":\"dr-sara-ahmadi\"},"
        + "\"buildId\":\"Xy12_ab34\",\"isFallback\":false,\"gssp\":true,\"scriptLoader\":[]}";
    String markup = "<div class=\"review-card\"><span class=\"name\">کاربر</span><p class=\"text\">برخورد بسیار خوب"
        + " و توضیحات کامل درباره بیماری.</p><span class=\"rate\">★★★★★</span></div>";
    return "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charSet=\"utf-8\"/><title>دکتر سارا احمدی</title>"
        + "<link rel=\"preload\" href=\"/_next/static/css/app.css\" as=\"style\"/></head><body><div id=\"__next\">"
        + markup.repeat(250) + "</div><script id=\"__NEXT_DATA__\" type=\"application/json\">" + nextData
        + "</script><script src=\"/_next/static/chunks/main.js\" async=\"\"></script></body></html>";
  }
}

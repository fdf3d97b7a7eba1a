package io.github.slothunter.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParserTest {

  @Test
  void decodesUrlEncodedFormsKeepingTheFirstValue() {
    assertThat(FormParser.urlEncoded("a=1&b=%D8%B3%D9%84%D8%A7%D9%85&a=2&c&=x&&d=a+b&e=%ZZ"))
        .containsEntry("a", "1").containsEntry("b", "سلام").containsEntry("c", "").containsEntry("d", "a b")
        .containsEntry("e", "%ZZ");
    assertThat(FormParser.urlEncoded(null)).isEmpty();
  }

  @Test
  void decodesMultipartTextAndFileParts() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"first_name\"\r\n\r\nسارا\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"a.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\nhello\r\n"
        + "--XyZ\r\nbroken part without headers end"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"first_name\"\r\n\r\nدوم\r\n"
        + "--XyZ--\r\n";

    assertThat(FormParser.multipart(body.getBytes(StandardCharsets.UTF_8), "XyZ"))
        .containsEntry("first_name", "سارا").containsEntry("files[]", "hello").hasSize(2);
  }

  @Test
  void findsTheMultipartBoundary() {
    assertThat(FormParser.boundary("multipart/form-data; boundary=abc")).hasValue("abc");
    assertThat(FormParser.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"q q\"")).hasValue("q q");
    assertThat(FormParser.boundary("multipart/form-data")).isEmpty();
    assertThat(FormParser.boundary("multipart/form-data; boundary=")).isEmpty();
    assertThat(FormParser.boundary("application/json")).isEmpty();
    assertThat(FormParser.boundary(null)).isEmpty();
  }

  @Test
  void readsCookies() {
    assertThat(FormParser.cookies(List.of("token=abc; terminal_id=t-1", "token=zzz; junk")))
        .containsEntry("token", "abc").containsEntry("terminal_id", "t-1").hasSize(2);
    assertThat(FormParser.cookies(null)).isEmpty();
  }
}

package io.github.slothunter.provider.paziresh24.internal;

import io.github.slothunter.provider.paziresh24.internal.Paziresh24Settings.FormEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/** An ordered POST form, encoded as urlencoded or multipart at the end. Not thread-safe. */
final class FormData {
  private final List<String[]> fields = new ArrayList<>();

  /** Adds a field; the value must not be {@code null}. */
  FormData add(String name, String value) {
    fields.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name)});
    return this;
  }

  /** Adds a field when the value is present. */
  FormData addIfPresent(String name, java.util.Optional<String> value) {
    value.ifPresent(v -> add(name, v));
    return this;
  }

  /** Replaces the value of the first field with this name, or adds the field when there is none. */
  FormData set(String name, String value) {
    Objects.requireNonNull(value, name);
    for (String[] f : fields) {
      if (f[0].equals(name)) {
        f[1] = value;
        return this;
      }
    }
    return add(name, value);
  }

  /** The value of the first field with this name, or {@code null}. */
  String get(String name) {
    for (String[] f : fields) {
      if (f[0].equals(name)) {
        return f[1];
      }
    }
    return null;
  }

  /** The body in the chosen encoding (UTF-8). */
  RequestBody toBody(FormEncoding encoding) {
    if (encoding == FormEncoding.MULTIPART) {
      MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
      for (String[] f : fields) {
        b.addFormDataPart(f[0], f[1]);
      }
      return b.build();
    }
    FormBody.Builder b = new FormBody.Builder();
    for (String[] f : fields) {
      b.add(f[0], f[1]);
    }
    return b.build();
  }
}

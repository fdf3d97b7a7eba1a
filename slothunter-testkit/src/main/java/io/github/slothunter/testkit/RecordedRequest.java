package io.github.slothunter.testkit;

import io.github.slothunter.api.Pii;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a fake site received, as it saw it, with the status it answered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param endpoint the fake's name for the endpoint, for example {@code getFreeDays} (see the
 *     constants on {@link FakePaziresh24}); {@code unknown} for paths the site does not serve
 * @param method the HTTP method
 * @param path the decoded request path, without the query
 * @param query the decoded query parameters (first value of each)
 * @param headers the request headers, names in lower case
 * @param form the decoded form fields of a {@code multipart/form-data} or
 *     {@code application/x-www-form-urlencoded} body (first value of each); empty otherwise
 * @param clientId who the fake thinks sent it: the terminal id when there is one, else the remote address
 * @param at the fake's clock when the request arrived
 * @param status the HTTP status it answered; {@code 0} when a fault dropped the connection
 */
public record RecordedRequest(String endpoint, String method, String path, Map<String, String> query,
    Map<String, List<String>> headers, Map<String, String> form, String clientId, Instant at, int status) {

  /** Copies the maps; header names are lower-cased. */
  public RecordedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> a));
    headers = Map.copyOf(lower);
    form = Map.copyOf(form);
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(at, "at");
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A form field, or else a query parameter, by name. */
  public Optional<String> field(String name) {
    String v = form.get(name);
    return Optional.ofNullable(v != null ? v : query.get(name));
  }

  /** Names the endpoint, method, path and status; header and form values are left out (they hold PII and tokens). */
  @Override
  public String toString() {
    return "RecordedRequest[" + endpoint + " " + method + " " + Pii.redact(path) + " -> " + status
        + ", client=" + Pii.redact(clientId) + ", at=" + at + ", fields=" + form.keySet() + "]";
  }
}

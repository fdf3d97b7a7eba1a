package io.github.slothunter.api;

import java.util.regex.Pattern;

/**
 * Names one doctor on one provider, as parsed from a link or slug without any I/O.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providerId the provider's id, lower case, for example {@code paziresh24}
 * @param key the provider's own key for the doctor (a slug, a code), already decoded
 */
public record DoctorRef(String providerId, String key) {
  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** Validates both parts; throws {@link ErrorCode#INVALID_INPUT} naming the bad one. */
  public DoctorRef {
    providerId = requireProviderId(providerId);
    key = Text.required("doctor key", key, Text.MAX_ID);
    if (key.contains("/") || key.contains("?") || key.contains("#")) {
      throw SlotHunterException.invalid("doctor key", "must be a bare key, not a path or URL: '" + key + "'");
    }
  }

  static String requireProviderId(String providerId) {
    if (providerId == null || !PROVIDER_ID.matcher(providerId).matches()) {
      throw SlotHunterException.invalid("providerId",
          "must be 1-32 lower-case letters, digits or dashes: '" + providerId + "'");
    }
    return providerId;
  }

  /** {@code providerId:key}, for logs and store keys. */
  @Override
  public String toString() {
    return providerId + ":" + key;
  }
}

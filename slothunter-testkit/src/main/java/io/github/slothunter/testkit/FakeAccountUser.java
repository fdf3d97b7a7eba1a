package io.github.slothunter.testkit;

import io.github.slothunter.api.Pii;
import java.util.Objects;

/**
 * One of the people a fake site's account books for: the account holder or a family member, as
 * Paziresh24's {@code v1/auth/me} lists them in {@code users[]} (spec 7, 11). The accessors return the
 * clear values (it is test data); {@link #toString()} masks them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the site's user id (a number, as {@code users[].id}); what a booking for this person sends as
 *     {@code selected_user_id}
 * @param name first name ({@code name}), empty when not set
 * @param family last name ({@code family}), empty when not set
 * @param cell mobile, {@code 09xxxxxxxxx} ({@code auth/me} shows it without the leading 0)
 * @param nationalCode national code ({@code national_code}), empty when not set
 * @param holder whether this is the account holder (listed first) rather than a family member
 */
public record FakeAccountUser(String id, String name, String family, String cell, String nationalCode,
    boolean holder) {

  /** Validates. */
  public FakeAccountUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(nationalCode, "nationalCode");
  }

  /** Masks the names, the mobile and the national code. */
  @Override
  public String toString() {
    return "FakeAccountUser[id=" + id + ", name=" + Pii.maskName(name) + " " + Pii.maskName(family)
        + ", cell=" + Pii.maskMobile(cell) + ", nationalCode=" + Pii.maskNationalCode(nationalCode)
        + ", holder=" + holder + "]";
  }
}

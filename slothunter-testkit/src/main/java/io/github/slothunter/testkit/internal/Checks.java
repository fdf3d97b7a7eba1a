package io.github.slothunter.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the fakes' builders. */
public final class Checks {
  private Checks() {}

  /**
   * {@code value}, if it is not {@code null} and not blank.
   *
   * @throws NullPointerException naming {@code name} when {@code value} is {@code null}
   * @throws IllegalArgumentException when it is blank
   */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * {@code value}, if it is not {@code null} and longer than zero.
   *
   * @throws NullPointerException naming {@code name} when {@code value} is {@code null}
   * @throws IllegalArgumentException when it is zero or negative
   */
  public static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}

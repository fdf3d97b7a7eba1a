package io.github.slothunter.api;

/** A patient's gender as booking forms ask for it. Immutable and thread-safe. */
public enum Gender {
  /** Male. */
  MALE,
  /** Female. */
  FEMALE,
  /** Not given; providers omit the field. */
  UNSPECIFIED
}

package io.github.slothunter.api;

/** How a visit happens, as area searches filter it. */
public enum VisitType {
  /** At the center. */
  IN_PERSON,
  /** Online (Paziresh24's "consult" turns: chat or video). */
  ONLINE,
  /** By phone. */
  PHONE
}

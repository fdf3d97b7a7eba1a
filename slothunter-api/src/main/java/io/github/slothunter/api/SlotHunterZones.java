package io.github.slothunter.api;

import java.time.ZoneId;

/** The time zones SlotHunter deals in, named once. Holds only constants; thread-safe. */
public final class SlotHunterZones {
  /** Iran Standard Time, with the JDK's tz rules (Iran dropped daylight saving in 2022). */
  public static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

  private SlotHunterZones() {}
}

package io.github.slothunter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Valid model values and the one assertion every validation test makes. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2025-01-04T05:30:00Z");
  public static final String NATIONAL_CODE = "0499370899";
  public static final String MOBILE = "09121234567";

  private Fixtures() {}

  public static DoctorRef ref() {
    return new DoctorRef("paziresh24", "dr-sara-ahmadi");
  }

  public static Target target() {
    return new Target(ref(), "center-1", "service-1", Map.of("server_id", "1", "user_center_id", "42"));
  }

  public static Slot slot() {
    return new Slot(target(), T0, T0.plus(Duration.ofMinutes(15)), "slot-1");
  }

  public static Hold hold() {
    return new Hold(slot(), "hold-1", T0.plus(Duration.ofMinutes(5)));
  }

  public static Booking booking() {
    return new Booking(slot(), "booking-1", "TRK-1", T0);
  }

  public static Service service(String id, boolean bookable) {
    return new Service(id, "visit " + id, 1_500_000L, Duration.ofMinutes(15), bookable, Map.of("server_id", id));
  }

  public static Center center(String id, Service... services) {
    return new Center(id, "Clinic " + id, "Valiasr St.", "Tehran", List.of(services));
  }

  public static RequestBudget budget() {
    return RequestBudget.of(30, 600, 4);
  }

  public static Patient patient() {
    return Patient.of("سارا", "احمدی", NATIONAL_CODE, MOBILE);
  }

  /**
   * Runs the call, asserts it fails with {@link ErrorCode#INVALID_INPUT} and a message naming the
   * field, and returns the exception for further checks.
   */
  public static SlotHunterException invalidInput(ThrowingCallable call, String field) {
    Throwable thrown = catchThrowable(call);

    assertThat(thrown).isInstanceOf(SlotHunterException.class);
    SlotHunterException e = (SlotHunterException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains(field);
    return e;
  }
}

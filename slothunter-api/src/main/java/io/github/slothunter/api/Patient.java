package io.github.slothunter.api;

/**
 * The person an appointment is booked for.
 *
 * <p>The constructor normalises and validates: the national code must pass the Iranian check-digit
 * test, the mobile is normalised to {@code 09xxxxxxxxx} from {@code +98 912 …}, {@code 0098…},
 * {@code 912…} or Persian/Arabic digits. {@link #toString()} masks every personal field, so a
 * patient can be logged safely; the accessors return the clear values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param firstName given name
 * @param lastName family name
 * @param nationalCode 10-digit Iranian national code (ASCII digits after normalisation)
 * @param mobile Iranian mobile number, normalised to {@code 09xxxxxxxxx}
 * @param gender gender, {@link Gender#UNSPECIFIED} when not given
 */
public record Patient(String firstName, String lastName, String nationalCode, String mobile, Gender gender) {

  /** Validates and normalises; throws {@link ErrorCode#INVALID_INPUT} naming the bad field (never its value). */
  public Patient {
    firstName = Text.required("patient firstName", firstName, 100);
    lastName = Text.required("patient lastName", lastName, 100);
    nationalCode = normaliseNationalCode(nationalCode);
    mobile = normaliseMobile(mobile);
    gender = gender == null ? Gender.UNSPECIFIED : gender;
  }

  /** A patient without a stated gender. */
  public static Patient of(String firstName, String lastName, String nationalCode, String mobile) {
    return new Patient(firstName, lastName, nationalCode, mobile, Gender.UNSPECIFIED);
  }

  /**
   * Normalises an Iranian national code and checks its check digit.
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} if it is not a valid code
   */
  public static String normaliseNationalCode(String raw) {
    if (raw == null) {
      throw SlotHunterException.invalid("patient nationalCode", "is required");
    }
    String s = Text.asciiDigits(Text.clean(raw)).replace("-", "").replace(" ", "");
    if (s.length() > 20 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw SlotHunterException.invalid("patient nationalCode", "must contain only digits");
    }
    if (s.length() == 8 || s.length() == 9) {
      s = "0".repeat(10 - s.length()) + s; // leading zeros are often dropped by spreadsheets
    }
    if (s.length() != 10) {
      throw SlotHunterException.invalid("patient nationalCode", "must have 10 digits, got " + s.length());
    }
    if (s.chars().distinct().count() == 1) {
      throw SlotHunterException.invalid("patient nationalCode", "must not be one repeated digit");
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (s.charAt(i) - '0') * (10 - i);
    }
    int r = sum % 11;
    int check = s.charAt(9) - '0';
    boolean ok = r < 2 ? check == r : check == 11 - r;
    if (!ok) {
      throw SlotHunterException.invalid("patient nationalCode", "fails the check digit");
    }
    return s;
  }

  /**
   * Normalises an Iranian mobile number to {@code 09xxxxxxxxx}.
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} if it is not an Iranian mobile number
   */
  public static String normaliseMobile(String raw) {
    if (raw == null) {
      throw SlotHunterException.invalid("patient mobile", "is required");
    }
    String s = Text.asciiDigits(Text.clean(raw)).replaceAll("[\\s\\-().]", "");
    if (s.length() > 20) {
      throw SlotHunterException.invalid("patient mobile", "is too long");
    }
    if (s.startsWith("+98")) {
      s = s.substring(3);
    } else if (s.startsWith("0098")) {
      s = s.substring(4);
    } else if (s.startsWith("98") && s.length() == 12) {
      s = s.substring(2);
    }
    if (s.startsWith("0")) {
      s = s.substring(1);
    }
    if (s.length() != 10 || s.charAt(0) != '9' || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw SlotHunterException.invalid("patient mobile", "must be an Iranian mobile number like 09121234567");
    }
    return "0" + s;
  }

  /** The mobile without its leading zero ({@code 9121234567}), as some provider forms want it. */
  public String mobileNational() {
    return mobile.substring(1);
  }

  /** Masks every personal field. */
  @Override
  public String toString() {
    return "Patient[firstName=" + Pii.maskName(firstName) + ", lastName=" + Pii.maskName(lastName)
        + ", nationalCode=" + Pii.maskNationalCode(nationalCode) + ", mobile=" + Pii.maskMobile(mobile)
        + ", gender=" + gender + "]";
  }
}

package io.github.slothunter.api;

/**
 * The person an appointment is booked for.
 *
 * <p>The constructor normalises and validates: the national code must pass the Iranian check-digit
 * test, the mobile is normalised to {@code 09xxxxxxxxx} from {@code +98 912 …}, {@code 0098…},
 * {@code 912…} or Persian/Arabic digits. {@link #toString()} masks every personal field, so a
 * patient can be logged safely; the accessors return the clear values.
 *
 * <p><b>Account users.</b> A provider account may book for several people (Paziresh24: the
 * account holder and the family members of {@code auth/me -> users[]}). {@link #accountUserId()}
 * names which of the account's users this patient is, as the provider knows them; {@code null} (the
 * default) means the account holder, as before it existed. Providers list an account's users with
 * {@link io.github.slothunter.spi.Authenticator#accountPatients}, which fills it in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param firstName given name
 * @param lastName family name
 * @param nationalCode 10-digit Iranian national code (ASCII digits after normalisation)
 * @param mobile Iranian mobile number, normalised to {@code 09xxxxxxxxx}
 * @param gender gender, {@link Gender#UNSPECIFIED} when not given
 * @param accountUserId the provider account's user to book for (an opaque id of 1-{@value #MAX_ACCOUNT_USER_ID}
 *     ASCII letters, digits, {@code -}, {@code _} or {@code .}; Persian digits are converted), or {@code null}
 *     for the account holder
 */
public record Patient(String firstName, String lastName, String nationalCode, String mobile, Gender gender,
    String accountUserId) {

  /** The longest {@link #accountUserId()} accepted. */
  public static final int MAX_ACCOUNT_USER_ID = 64;

  /** Validates and normalises; throws {@link ErrorCode#INVALID_INPUT} naming the bad field (never its value). */
  public Patient {
    firstName = Text.required("patient firstName", firstName, 100);
    lastName = Text.required("patient lastName", lastName, 100);
    nationalCode = normaliseNationalCode(nationalCode);
    mobile = normaliseMobile(mobile);
    gender = gender == null ? Gender.UNSPECIFIED : gender;
    accountUserId = accountUserId == null ? null : normaliseAccountUserId(accountUserId);
  }

  /** A patient booked as the account holder ({@link #accountUserId()} {@code null}). */
  public Patient(String firstName, String lastName, String nationalCode, String mobile, Gender gender) {
    this(firstName, lastName, nationalCode, mobile, gender, null);
  }

  /** A patient without a stated gender, booked as the account holder. */
  public static Patient of(String firstName, String lastName, String nationalCode, String mobile) {
    return new Patient(firstName, lastName, nationalCode, mobile, Gender.UNSPECIFIED, null);
  }

  /**
   * This patient as the provider account's user {@code value} ({@code null}: the account holder).
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} for a malformed id
   */
  public Patient withAccountUserId(String value) {
    return new Patient(firstName, lastName, nationalCode, mobile, gender, value);
  }

  /**
   * Checks a provider account's user id: 1-{@value #MAX_ACCOUNT_USER_ID} ASCII letters, digits,
   * {@code -}, {@code _} or {@code .} after Persian/Arabic digits are converted and invisible marks
   * trimmed. An id goes into provider requests as it is, so nothing else is let through.
   *
   * @throws SlotHunterException {@link ErrorCode#INVALID_INPUT} if it is not such an id (the message
   *     never quotes it)
   */
  public static String normaliseAccountUserId(String raw) {
    if (raw == null) {
      throw SlotHunterException.invalid("patient accountUserId", "is required");
    }
    String s = Text.asciiDigits(Text.clean(raw));
    if (s.isEmpty()) {
      throw SlotHunterException.invalid("patient accountUserId", "must not be blank");
    }
    if (s.length() > MAX_ACCOUNT_USER_ID) {
      throw SlotHunterException.invalid("patient accountUserId", "is too long (" + s.length() + " > "
          + MAX_ACCOUNT_USER_ID + " characters)");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || c == '-' || c == '_' || c == '.';
      if (!ok) {
        throw SlotHunterException.invalid("patient accountUserId",
            "must contain only ASCII letters, digits, '-', '_' or '.'");
      }
    }
    return s;
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
        + ", gender=" + gender + ", accountUserId=" + (accountUserId == null ? "holder" : Pii.maskCode(accountUserId))
        + "]";
  }
}

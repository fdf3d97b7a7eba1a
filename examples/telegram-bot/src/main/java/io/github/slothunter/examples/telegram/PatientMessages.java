package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Pii;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The texts about the people a chat books for, in one language ({@link Messages#patients()}):
 * {@code /patients}, choosing whom {@code /autobook} books for, adding by hand and importing from the
 * provider account. National codes and mobiles are shown masked. Immutable and thread-safe.
 */
public final class PatientMessages {
  private final Messages m;

  PatientMessages(Messages m) {
    this.m = m;
  }

  /** {@code /autobook} with patients in the book: whom to book for. */
  public String choosePatient() {
    return m.t("🤖 رزرو خودکار برای چه کسی؟", "🤖 Whom should I book for?");
  }

  /** The button for someone not in the book yet. */
  public String someoneElseButton() {
    return m.t("شخص دیگر", "Someone else");
  }

  /** A patient's button: the owner's label and the last digits of the national code. */
  public String patientButton(OwnerPatient p) {
    return p.label() + " (" + Pii.maskNationalCode(p.patient().nationalCode()) + ")";
  }

  /** The chosen patient, in place of the menu. */
  public String chosenPatient(String label) {
    return "👤 " + label;
  }

  /** Asks for the mobile of the provider account (a family member's own mobile is not its login). */
  public String askAccountMobile() {
    return m.t("شماره موبایل حساب پذیرش۲۴ را بفرستید (کد ورود به این شماره پیامک می‌شود):",
        "Send the mobile number of the Paziresh24 account (the login code is texted to it):");
  }

  /** {@code /patients} with nobody in the book. */
  public String noPatients() {
    return m.t("👥 هنوز بیماری در فهرست شما نیست. یکی اضافه کنید یا افراد حساب پذیرش۲۴ خود را بیاورید:",
        "👥 Your list of patients is empty. Add someone, or bring in the people of your Paziresh24 account:");
  }

  /** {@code /patients}: the book, national codes and mobiles masked. */
  public String patientList(List<OwnerPatient> book) {
    StringBuilder s = new StringBuilder(m.t("👥 بیمارهای شما (" + m.n(book.size()) + "):", "👥 Your patients (" + m.n(book.size()) + "):"));
    int i = 1;
    for (OwnerPatient p : book) {
      s.append("\n").append(m.n(i++)).append(". ").append(p.label())
          .append(" — ").append(Pii.maskNationalCode(p.patient().nationalCode()))
          .append(", ").append(Pii.maskMobile(p.patient().mobile()));
      if (p.patient().accountUserId() != null) {
        s.append(m.t(" (از حساب پذیرش۲۴)", " (from your Paziresh24 account)"));
      }
    }
    s.append(m.t("\n\nبرای حذف، روی نام بزنید:", "\n\nTap a name to remove it:"));
    return s.toString();
  }

  /** The add-by-hand button. */
  public String addPatientButton() {
    return m.t("افزودن بیمار", "Add a patient");
  }

  /** The import button. */
  public String importPatientsButton() {
    return m.t("آوردن افراد حساب پذیرش۲۴", "Import my Paziresh24 account's people");
  }

  /** Starts typing in a patient to save. */
  public String addPatientIntro() {
    return m.t("➕ بیمار تازه. نام بیمار را بفرستید (یا /cancel):", "➕ A new patient. Send their first name (or /cancel):");
  }

  /** A patient was saved. */
  public String patientSaved(String label) {
    return m.t("✅ «" + label + "» به بیمارهای شما اضافه شد. /autobook", "✅ " + label + " is in your patients now. /autobook");
  }

  /** A patient was removed. */
  public String patientRemoved(String label) {
    return m.t("🗑 «" + label + "» از فهرست حذف شد. رزروهای خودکاری که برایش روشن است ادامه دارند تا /autobook off.",
        "🗑 " + label + " is off your list. Auto-booking already on for them goes on until /autobook off.");
  }

  /** Reading the account's people. */
  public String importing() {
    return m.t("📥 در حال آوردن افراد حساب…", "📥 Reading your account's people…");
  }

  /** The provider cannot list an account's people. */
  public String importUnsupported() {
    return m.t("این سایت فهرست افراد حساب را نمی‌دهد؛ بیمارها را دستی اضافه کنید.",
        "This site does not list an account's people; add your patients by hand.");
  }

  /** The account had nobody with complete details. */
  public String importedNone() {
    return m.t("در حساب شما کسی با اطلاعات کامل (نام، کد ملی، موبایل) پیدا نشد.",
        "Nobody with complete details (name, national code, mobile) was found on your account.");
  }

  /** The imported people, by label. */
  public String imported(List<OwnerPatient> people) {
    String names = people.stream().map(OwnerPatient::label).collect(Collectors.joining(m.t("، ", ", ")));
    return m.t("✅ " + m.n(people.size()) + " نفر از حساب شما در فهرست بیمارها است: " + names + "\nبا /autobook انتخاب کنید.",
        "✅ " + m.n(people.size()) + (people.size() == 1 ? " person" : " people") + " from your account in your patients: "
            + names + "\nPick one with /autobook.");
  }

  /** Too many wrong codes while importing. */
  public String tooManyCodesImport() {
    return m.t("⛔️ کد چند بار اشتباه وارد شد. دوباره با /patients شروع کنید.",
        "⛔️ Too many wrong codes. Start again with /patients.");
  }
}

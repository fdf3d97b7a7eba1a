package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people a chat books for: {@code /patients} (the book with a remove button each, add by hand,
 * import from the provider account) and typing a person in, one detail per message (first name, last
 * name, national code, mobile; each checked, none logged), for the book or straight for auto-booking.
 * Thread-safe; called under the chat's lock.
 */
final class PatientsFlow {
  private static final Logger log = LoggerFactory.getLogger(PatientsFlow.class);

  private final SlotHunter hunter;
  private final PatientBook book;
  private final AutoBookFlow autoBook;

  PatientsFlow(SlotHunter hunter, PatientBook book, AutoBookFlow autoBook) {
    this.hunter = hunter;
    this.book = book;
    this.autoBook = autoBook;
  }

  /** {@code /patients}. */
  void patients(ChatState st, Reply r) {
    List<OwnerPatient> people = hunter.patients(r.owner());
    int flow = ++st.flow;
    st.step = new Step.ManagingPatients(flow, people);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      buttons.add(Button.callback("🗑 " + people.get(i).label(), "pr:" + flow + ":" + i));
    }
    buttons.add(Button.callback("➕ " + r.m.patients().addPatientButton(), "pa:" + flow));
    if (autoBook.canLogIn()) {
      buttons.add(Button.callback("📥 " + r.m.patients().importPatientsButton(), "pi:" + flow));
    }
    r.send(people.isEmpty() ? r.m.patients().noPatients() : r.m.patients().patientList(people), Keyboard.column(buttons));
  }

  private Step.ManagingPatients managing(ChatState st, Press p, Reply r) {
    if (!(st.step instanceof Step.ManagingPatients m) || !p.ofFlow(m.flow())) {
      r.stale(p.cb());
      return null;
    }
    return m;
  }

  /** A press on a person's remove button. */
  void removeChosen(ChatState st, Press p, Reply r) {
    Step.ManagingPatients m = managing(st, p, r);
    if (m == null) {
      return;
    }
    int i = p.index(m.book().size());
    if (i < 0) {
      r.stale(p.cb());
      return;
    }
    st.step = Step.IDLE;
    String label = m.book().get(i).label();
    hunter.removePatient(r.owner(), label);
    log.info("chat {} removed a patient", r.chatId);
    r.answer(p.cb(), "");
    r.edit(p.cb(), r.m.patients().patientRemoved(label), Keyboard.NONE);
  }

  /** A press on "add someone". */
  void addChosen(ChatState st, Press p, Reply r) {
    if (managing(st, p, r) == null) {
      return;
    }
    st.step = Step.AwaitingPatient.start(Step.Purpose.SAVE);
    r.answer(p.cb(), "");
    r.edit(p.cb(), r.m.patients().addPatientIntro(), Keyboard.NONE);
  }

  /** A press on "import from my account". */
  void importChosen(ChatState st, Press p, Reply r) {
    if (managing(st, p, r) == null) {
      return;
    }
    st.step = Step.IDLE;
    r.answer(p.cb(), "");
    if (!autoBook.canLogIn()) {
      r.edit(p.cb(), r.m.autoBookUnavailable(), Keyboard.NONE);
      return;
    }
    autoBook.loginThen(st, Step.Purpose.IMPORT, null, p.cb(), r);
  }

  /** One detail of a person being typed in. */
  void detail(ChatState st, Step.AwaitingPatient p, String text, Reply r) {
    switch (p.field()) {
      case FIRST_NAME -> {
        if (!validName(text)) {
          r.send(r.m.badName());
          return;
        }
        st.step = new Step.AwaitingPatient(Step.PatientField.LAST_NAME, text, "", "", p.purpose());
        r.send(r.m.askLastName());
      }
      case LAST_NAME -> {
        if (!validName(text)) {
          r.send(r.m.badName());
          return;
        }
        st.step = new Step.AwaitingPatient(Step.PatientField.NATIONAL_CODE, p.firstName(), text, "", p.purpose());
        r.send(r.m.askNationalCode());
      }
      case NATIONAL_CODE -> {
        String code;
        try {
          code = Patient.normaliseNationalCode(text);
        } catch (SlotHunterException e) {
          log.info("chat {} sent an invalid national code", r.chatId); // never the code itself
          r.send(r.m.badNationalCode());
          return;
        }
        st.step = new Step.AwaitingPatient(Step.PatientField.MOBILE, p.firstName(), p.lastName(), code, p.purpose());
        r.send(r.m.askMobile());
      }
      case MOBILE -> mobile(st, p, text, r);
      default -> throw new IllegalStateException("unknown field " + p.field());
    }
  }

  private void mobile(ChatState st, Step.AwaitingPatient p, String text, Reply r) {
    Patient patient;
    try {
      patient = Patient.of(p.firstName(), p.lastName(), p.nationalCode(), text);
    } catch (SlotHunterException e) {
      log.info("chat {} sent an invalid mobile", r.chatId);
      r.send(r.m.badMobile());
      return;
    }
    // the person goes into the chat's patient book, to be chosen again next time
    OwnerPatient entry = book.save(r, patient);
    if (p.purpose() == Step.Purpose.SAVE) {
      st.step = Step.IDLE;
      r.send(r.m.patients().patientSaved(entry.label()));
      return;
    }
    AccountSession session = autoBook.liveSession(st);
    if (session != null) {
      st.step = Step.IDLE;
      autoBook.finish(st, Step.Purpose.AUTO_BOOK, entry, session, r);
      return;
    }
    autoBook.startLogin(st, Step.Purpose.AUTO_BOOK, entry, patient.mobile(), r);
  }

  private static boolean validName(String text) {
    if (text.isBlank() || text.length() > 100 || text.startsWith("/")) {
      return false;
    }
    return text.codePoints().noneMatch(c -> Character.isDigit(c) || Character.isISOControl(c));
  }
}

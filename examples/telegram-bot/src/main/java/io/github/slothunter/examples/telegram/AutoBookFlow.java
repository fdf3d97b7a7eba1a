package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import io.github.slothunter.spi.Authenticator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /autobook} and the provider's SMS login: whom to book for (from the patient book, or typed
 * in by {@link PatientsFlow}), the login (the person's own mobile, or the account's for imported
 * people and imports), the code (at most {@link BotConversation#MAX_CODE_ATTEMPTS} wrong ones), then
 * auto-booking on for every watch; {@code /autobook off}. Thread-safe; called under the chat's lock.
 */
final class AutoBookFlow {
  private static final Logger log = LoggerFactory.getLogger(AutoBookFlow.class);

  private final SlotHunter hunter;
  private final Authenticator authenticator;
  private final WatchEditor editor;
  private final PatientBook book;
  private final Clock clock;

  AutoBookFlow(SlotHunter hunter, Authenticator authenticator, WatchEditor editor, PatientBook book, Clock clock) {
    this.hunter = hunter;
    this.authenticator = authenticator;
    this.editor = editor;
    this.book = book;
    this.clock = clock;
  }

  /** Whether the provider's login is available. */
  boolean canLogIn() {
    return authenticator != null;
  }

  /** {@code /autobook} and {@code /autobook off}. */
  void autoBook(ChatState st, String args, Reply r) {
    if (args.equalsIgnoreCase("off") || args.equals("خاموش")) {
      st.autoBook = null;
      st.session = null;
      for (Watch w : hunter.watches(r.owner())) {
        if (w.autoBook() != null) {
          editor.withoutAutoBook(r.owner(), w);
        }
      }
      log.info("chat {} turned auto-booking off", r.chatId);
      r.send(r.m.autoBookOff());
      return;
    }
    Plan plan = hunter.plan(r.owner());
    if (!plan.autoBook()) {
      r.send(r.m.quotaAutoBook(plan));
      return;
    }
    if (authenticator == null) {
      r.send(r.m.autoBookUnavailable());
      return;
    }
    List<OwnerPatient> people = hunter.patients(r.owner());
    if (people.isEmpty()) {
      st.step = Step.AwaitingPatient.start(Step.Purpose.AUTO_BOOK);
      r.send(r.m.autoBookIntro());
      return;
    }
    int flow = ++st.flow;
    st.step = new Step.ChoosingPatient(flow, people);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      buttons.add(Button.callback("👤 " + r.m.patients().patientButton(people.get(i)), "pb:" + flow + ":" + i));
    }
    buttons.add(Button.callback("➕ " + r.m.patients().someoneElseButton(), "pb:" + flow + ":new"));
    r.send(r.m.patients().choosePatient(), Keyboard.column(buttons));
  }

  /** A press on the "whom to book for" menu. */
  void patientChosen(ChatState st, Press p, Reply r) {
    if (!(st.step instanceof Step.ChoosingPatient c) || !p.ofFlow(c.flow())) {
      r.stale(p.cb());
      return;
    }
    if (p.arg(2).equals("new")) {
      r.answer(p.cb(), "");
      st.step = Step.AwaitingPatient.start(Step.Purpose.AUTO_BOOK);
      r.edit(p.cb(), r.m.autoBookIntro(), Keyboard.NONE);
      return;
    }
    int i = p.index(c.book().size());
    if (i < 0) {
      r.stale(p.cb());
      return;
    }
    r.answer(p.cb(), "");
    st.step = Step.IDLE;
    loginThen(st, Step.Purpose.AUTO_BOOK, c.book().get(i), p.cb(), r);
  }

  /**
   * Goes on with the chat's live login, or logs in first: with the chosen person's own mobile when they
   * were entered by hand (they are the account holder), else with the account's mobile, which the user is
   * asked for (a family member's own mobile is not the account's login).
   */
  void loginThen(ChatState st, Step.Purpose purpose, OwnerPatient chosen, Incoming.Callback menu, Reply r) {
    AccountSession session = liveSession(st);
    if (session != null) {
      if (menu != null) {
        r.edit(menu, purpose == Step.Purpose.IMPORT ? r.m.patients().importing() : r.m.patients().chosenPatient(chosen.label()),
            Keyboard.NONE);
      }
      finish(st, purpose, chosen, session, r);
      return;
    }
    if (purpose == Step.Purpose.IMPORT || chosen.patient().accountUserId() != null) {
      st.step = new Step.AwaitingAccountMobile(purpose, chosen);
      r.sendOrEdit(menu, r.m.patients().askAccountMobile());
      return;
    }
    if (menu != null) {
      r.edit(menu, r.m.patients().chosenPatient(chosen.label()), Keyboard.NONE);
    }
    startLogin(st, purpose, chosen, chosen.patient().mobile(), r);
  }

  /** The chat's login, unless it has expired. */
  AccountSession liveSession(ChatState st) {
    AccountSession s = st.session;
    return s != null && !s.isExpired(clock.instant()) ? s : null;
  }

  /** Sends the SMS code; on a refused number the chat stays in its step so the user can send another. */
  void startLogin(ChatState st, Step.Purpose purpose, OwnerPatient chosen, String mobile, Reply r) {
    OtpChallenge challenge;
    try {
      challenge = authenticator.start(mobile);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.RATE_LIMITED) {
        r.send(r.m.codeThrottled());
        return;
      }
      if (e.code() == ErrorCode.INVALID_INPUT) {
        r.send(r.m.badMobile());
        return;
      }
      throw e;
    }
    log.info("chat {} started the SMS login for {}", r.chatId, Pii.maskMobile(challenge.mobile()));
    st.step = new Step.AwaitingCode(purpose, chosen, challenge, 0);
    String masked = Pii.maskMobile(challenge.mobile());
    long wait = challenge.resendWait(clock.instant()).toSeconds();
    r.send(challenge.staticPassword() ? r.m.passwordExpected()
        : wait > 0 ? r.m.codeSentEarlier(masked, wait)
        : r.m.codeSent(masked));
  }

  /** The account's mobile, typed. */
  void accountMobile(ChatState st, Step.AwaitingAccountMobile a, String text, Reply r) {
    String mobile;
    try {
      mobile = Patient.normaliseMobile(text);
    } catch (SlotHunterException e) {
      log.info("chat {} sent an invalid account mobile", r.chatId);
      r.send(r.m.badMobile());
      return;
    }
    startLogin(st, a.purpose(), a.chosen(), mobile, r);
  }

  /** The SMS code, typed. */
  void code(ChatState st, Step.AwaitingCode c, String text, Reply r) {
    AccountSession session;
    try {
      session = authenticator.complete(c.challenge(), JalaliFormat.asciiDigits(text).strip());
    } catch (SlotHunterException e) {
      if (e.code() != ErrorCode.AUTH_REQUIRED && e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      int attempts = c.attempts() + 1;
      log.info("chat {}: wrong SMS code for {} ({} of {})", r.chatId, Pii.maskMobile(c.challenge().mobile()), attempts,
          BotConversation.MAX_CODE_ATTEMPTS);
      if (attempts >= BotConversation.MAX_CODE_ATTEMPTS) {
        st.step = Step.IDLE;
        r.send(c.purpose() == Step.Purpose.IMPORT ? r.m.patients().tooManyCodesImport() : r.m.tooManyCodes());
      } else {
        st.step = new Step.AwaitingCode(c.purpose(), c.chosen(), c.challenge(), attempts);
        r.send(r.m.badCode());
      }
      return;
    }
    st.step = Step.IDLE;
    st.session = session;
    log.info("chat {} logged in as {}", r.chatId, Pii.maskMobile(c.challenge().mobile()));
    finish(st, c.purpose(), c.chosen(), session, r);
  }

  /** After a login (or with a live one): turns auto-booking on for the chosen person, or imports the account. */
  void finish(ChatState st, Step.Purpose purpose, OwnerPatient chosen, AccountSession session, Reply r) {
    if (purpose == Step.Purpose.IMPORT) {
      book.importAccount(session, r);
      return;
    }
    if (chosen.providerId() != null && !chosen.providerId().equals(session.providerId())) {
      r.send(r.m.failure(ErrorCode.UNSUPPORTED)); // imported from another site's account
      return;
    }
    AutoBook ab = chosen.autoBook(session);
    st.autoBook = ab;
    log.info("chat {} turned auto-booking on for {}", r.chatId, chosen.patient());
    int applied = 0;
    for (Watch w : hunter.watches(r.owner())) {
      try {
        editor.replace(r.owner(), w, req -> req.autoBook(ab));
        applied++;
      } catch (SlotHunterException e) {
        if (e.code() == ErrorCode.QUOTA_EXCEEDED) {
          r.send(r.m.quotaAutoBook(hunter.plan(r.owner())));
          return;
        }
        throw e;
      }
    }
    Patient p = chosen.patient();
    r.send(r.m.autoBookOn(applied, Pii.maskName(p.firstName()) + " " + Pii.maskName(p.lastName()) + " ("
        + Pii.maskNationalCode(p.nationalCode()) + ")"));
  }
}

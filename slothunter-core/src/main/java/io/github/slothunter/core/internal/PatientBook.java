package io.github.slothunter.core.internal;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.spi.Authenticator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each owner's patient book: the people an owner books for, kept in the {@link io.github.slothunter.spi.Store}
 * (every write is durable before the call returns), and the import of a provider account's people into it.
 * Thread-safe: writes that read the book first (an import) are serialised by this instance's lock; the
 * store makes each write atomic.
 */
final class PatientBook {
  private static final Logger log = LoggerFactory.getLogger(PatientBook.class);
  private static final Duration IMPORT_WAIT = Duration.ofSeconds(30);

  private final EngineContext ctx;
  private final Object lock = new Object();

  PatientBook(EngineContext ctx) {
    this.ctx = ctx;
  }

  void save(String owner, OwnerPatient patient) {
    ctx.ensureOpen();
    String o = checkOwner(owner);
    Objects.requireNonNull(patient, "patient");
    synchronized (lock) {
      ctx.store.saveOwnerPatient(o, patient);
    }
  }

  List<OwnerPatient> list(String owner) {
    ctx.ensureOpen();
    return ctx.store.ownerPatients(checkOwner(owner));
  }

  Optional<OwnerPatient> find(String owner, String label) {
    String l = OwnerPatient.normaliseLabel(label);
    return list(owner).stream().filter(p -> p.label().equals(l)).findFirst();
  }

  boolean remove(String owner, String label) {
    ctx.ensureOpen();
    String o = checkOwner(owner);
    String l = OwnerPatient.normaliseLabel(label);
    synchronized (lock) {
      return ctx.store.deleteOwnerPatient(o, l);
    }
  }

  /**
   * Reads the people of the session's account from the provider (one call through its budget) and saves
   * them into the owner's book in one store write: a person already imported from this provider (same
   * account user id) keeps the label it has and gets the details the provider has now; a new one is
   * labelled with their name ({@code "name (2)"} when that label is taken). People no longer on the
   * account stay in the book.
   */
  List<OwnerPatient> importAccount(String owner, String providerId, AccountSession session) {
    ctx.ensureOpen();
    String o = checkOwner(owner);
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(session, "session");
    ProviderRuntime rt = ctx.runtime(providerId);
    if (!providerId.equals(session.providerId())) {
      throw SlotHunterException.invalid("session", "belongs to provider " + session.providerId() + ", not " + providerId);
    }
    Authenticator auth = rt.provider().authenticator()
        .filter(a -> rt.info().capabilities().contains(Capability.ACCOUNT_PATIENTS))
        .orElseThrow(() -> SlotHunterException.builder(ErrorCode.UNSUPPORTED).providerId(providerId)
            .message(providerId + " cannot list the people an account books for").build());
    List<Patient> people;
    try {
      people = rt.call(BudgetGate.Use.URGENT, ctx.manual ? Duration.ZERO : IMPORT_WAIT,
          () -> auth.accountPatients(session));
    } catch (ProviderRuntime.BudgetExhausted e) {
      throw Lookups.budgetSpent(rt, ctx.clock, BudgetGate.Use.URGENT);
    }
    synchronized (lock) {
      ctx.ensureOpen();
      List<OwnerPatient> book = ctx.store.ownerPatients(o);
      Set<String> taken = new HashSet<>();
      for (OwnerPatient p : book) {
        taken.add(p.label());
      }
      List<OwnerPatient> imported = new ArrayList<>();
      for (Patient person : people) {
        Optional<OwnerPatient> known = book.stream().filter(p -> sameAccountUser(p, providerId, person)).findFirst();
        String label = known.map(OwnerPatient::label).orElseGet(() -> freeLabel(nameOf(person), taken));
        taken.add(label);
        imported.add(new OwnerPatient(label, person, providerId));
      }
      ctx.store.saveOwnerPatients(o, imported);
      log.info("imported {} people of a {} account into an owner's patient book", imported.size(), providerId);
      return List.copyOf(imported);
    }
  }

  /** The same person of the same provider account: the same account user id, or the same national code without one. */
  private static boolean sameAccountUser(OwnerPatient saved, String providerId, Patient person) {
    if (!providerId.equals(saved.providerId())) {
      return false;
    }
    if (person.accountUserId() != null) {
      return person.accountUserId().equals(saved.patient().accountUserId());
    }
    return saved.patient().accountUserId() == null && person.nationalCode().equals(saved.patient().nationalCode());
  }

  private static String nameOf(Patient p) {
    return p.firstName() + " " + p.lastName();
  }

  /** {@code base}, or {@code base (2)}, {@code base (3)}, ... whichever is free, within the label length. */
  static String freeLabel(String base, Set<String> taken) {
    String label = cut(base, OwnerPatient.MAX_LABEL);
    for (int n = 2; taken.contains(label); n++) {
      String suffix = " (" + n + ")";
      label = cut(base, OwnerPatient.MAX_LABEL - suffix.length()) + suffix;
    }
    return OwnerPatient.normaliseLabel(label);
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
    return s.substring(0, end).strip();
  }

  static String checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > 200) {
      throw SlotHunterException.invalid("owner", "must be 1-200 characters");
    }
    return owner;
  }
}

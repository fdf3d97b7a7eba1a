package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.SlotHunter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's patient book, kept (sealed) by the engine's store: saving a person typed in by hand and
 * importing the people of a logged-in provider account. Thread-safe.
 */
final class PatientBook {
  private static final Logger log = LoggerFactory.getLogger(PatientBook.class);

  private final SlotHunter hunter;

  PatientBook(SlotHunter hunter) {
    this.hunter = hunter;
  }

  /** Saves a person typed in by hand under their name, numbered when another person has that name. */
  OwnerPatient save(Reply r, Patient patient) {
    List<OwnerPatient> book = hunter.patients(r.owner());
    String name = patient.firstName() + " " + patient.lastName();
    String base = name.length() > OwnerPatient.MAX_LABEL - 5 ? name.substring(0, OwnerPatient.MAX_LABEL - 5).strip()
        : name;
    String label = base;
    for (int n = 2; ; n++) {
      String candidate = label;
      Optional<OwnerPatient> taken = book.stream().filter(e -> e.label().equals(candidate)).findFirst();
      if (taken.isEmpty() || (taken.get().providerId() == null
          && taken.get().patient().nationalCode().equals(patient.nationalCode()))) {
        break; // free, or the same person typed again: replaced
      }
      label = base + " (" + n + ")";
    }
    OwnerPatient entry = new OwnerPatient(label, patient);
    hunter.savePatient(r.owner(), entry);
    return entry;
  }

  /** Imports the people of the logged-in account (Paziresh24: the holder and family members). */
  void importAccount(AccountSession session, Reply r) {
    List<OwnerPatient> imported;
    try {
      imported = hunter.importAccountPatients(r.owner(), session.providerId(), session);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.UNSUPPORTED) {
        r.send(r.m.patients().importUnsupported());
        return;
      }
      throw e;
    }
    log.info("chat {} imported {} people from its {} account", r.chatId, imported.size(), session.providerId());
    r.send(imported.isEmpty() ? r.m.patients().importedNone() : r.m.patients().imported(imported));
  }
}

package io.github.slothunter.examples.cli;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.SlotHunterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slothunter patients list|add|remove|import}: the people you book for. */
@Command(name = "patients", mixinStandardHelpOptions = true, sortOptions = false,
    header = "The people you book for: list, add, remove, import from your account.",
    description = {
        "Keeps the people you book for (you, your children, your parents) under labels you choose, so that",
        "'watch --auto-book --patient LABEL' books for one of them. 'import' brings in the people your provider",
        "account books for (Paziresh24: the account holder and the family members the site lists), and a booking",
        "for one of them is made for that person of the account. Kept in ~/.slothunter/patients/, encrypted, with",
        "its key in ~/.slothunter/patients.key (owner-only). National codes and mobiles are shown masked.",
        "",
        "Examples:",
        "  slothunter patients list",
        "  slothunter patients add mom --patient-file mom.json",
        "  slothunter patients import paziresh24          (after 'slothunter login paziresh24 <mobile>')",
        "  slothunter patients remove mom",
        ""},
    subcommands = {PatientsCommand.ListPatients.class, PatientsCommand.Add.class, PatientsCommand.Remove.class,
        PatientsCommand.Import.class})
final class PatientsCommand implements Runnable {
  @ParentCommand
  SlotHunterCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new UsageErrors.UsageError(spec.commandLine(), "choose: list, add, remove or import",
        "یکی را انتخاب کنید: list، add، remove یا import");
  }

  /** What every subcommand shares. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand
    PatientsCommand parent;

    @Option(names = "--owner", defaultValue = "me", paramLabel = "NAME",
        description = "Whose patients (default ${DEFAULT-VALUE}); 'watch --owner' must match.")
    String owner;

    @Option(names = "--sandbox", description = "The sandbox's own patients (for 'watch --sandbox').")
    boolean sandbox;

    Cli cli() {
      return parent.root.cli();
    }

    Lang lang() {
      return parent.root.lang();
    }

    @Override
    public Integer call() {
      Cli cli = cli();
      try (Backend backend = Backend.of(cli.clock(), sandbox); PatientBook book = PatientBook.open(cli, backend)) {
        return run(cli, backend, book);
      }
    }

    abstract Integer run(Cli cli, Backend backend, PatientBook book);
  }

  /** One line per patient: label, name, masked national code and mobile, and where it came from. */
  static String line(OwnerPatient p, Lang lang) {
    Patient patient = p.patient();
    boolean member = patient.accountUserId() != null;
    String from = p.providerId() == null ? lang.pick("entered by hand", "واردشده با دست")
        : lang.pick("from your " + p.providerId() + " account" + (member ? " (books as its user)" : ""),
            "از حساب " + Errors.siteName(p.providerId()) + " شما" + (member ? " (به نام کاربر همان حساب رزرو می‌شود)" : ""));
    String digits = lang.format().digits(Pii.maskNationalCode(patient.nationalCode()));
    String mobile = lang.format().digits(Pii.maskMobile(patient.mobile()));
    return p.label() + "  " + patient.firstName() + " " + patient.lastName() + lang.pick("  national code ", "  کد ملی ")
        + digits + lang.pick("  mobile ", "  همراه ") + mobile + "  " + from;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, header = "Lists your patients.")
  static final class ListPatients extends Sub {
    @Override
    Integer run(Cli cli, Backend backend, PatientBook book) {
      List<OwnerPatient> patients = book.hunter().patients(owner);
      PrintWriter out = cli.out();
      if (patients.isEmpty()) {
        out.println(lang().pick("No patients yet: 'slothunter patients add LABEL --patient-file F' or"
            + " 'slothunter patients import paziresh24'.", "هنوز بیماری ندارید: 'slothunter patients add LABEL"
            + " --patient-file F' یا 'slothunter patients import paziresh24'."));
      }
      patients.forEach(p -> out.println(line(p, lang())));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      header = "Adds a patient (or replaces the one with that label) from a patient file.")
  static final class Add extends Sub {
    @Parameters(index = "0", paramLabel = "LABEL", description = "Your name for this person, e.g. mom.")
    String label;

    @Option(names = "--patient-file", required = true, paramLabel = "F",
        description = "JSON or key=value file: firstName, lastName, nationalCode, mobile, gender (as for watch).")
    Path patientFile;

    @Override
    Integer run(Cli cli, Backend backend, PatientBook book) {
      Patient patient = PatientFile.read(patientFile);
      OwnerPatient saved;
      try {
        saved = book.hunter().savePatient(owner, label, patient);
      } catch (SlotHunterException e) {
        throw new CliException(ExitCodes.BAD_INPUT, Errors.bareMessage(e), "بیمار ذخیره نشد؛ برچسب را بررسی کنید", e);
      }
      cli.out().println(lang().pick("saved: ", "ذخیره شد: ") + line(saved, lang()));
      cli.out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, header = "Removes a patient.")
  static final class Remove extends Sub {
    @Parameters(index = "0", paramLabel = "LABEL", description = "The label to remove.")
    String label;

    @Override
    Integer run(Cli cli, Backend backend, PatientBook book) {
      if (!book.hunter().removePatient(owner, label)) {
        throw CliException.badInput("you have no patient labelled '" + label + "' (see 'slothunter patients list')",
            "بیماری با برچسب «" + label + "» ندارید (فهرست: 'slothunter patients list')");
      }
      cli.out().println(lang().pick("removed ", "حذف شد: ") + label.strip());
      cli.out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      header = "Imports the people your provider account books for.")
  static final class Import extends Sub {
    @Parameters(index = "0", paramLabel = "<provider>", description = "paziresh24.")
    String provider;

    @Option(names = "--session-file", paramLabel = "F",
        description = "Session written by 'slothunter login' (default ~/.slothunter/<provider>.session).")
    Path sessionFile;

    @Override
    Integer run(Cli cli, Backend backend, PatientBook book) {
      AccountSession session = session(cli, backend);
      List<OwnerPatient> imported = book.hunter().importAccountPatients(owner, provider, session);
      PrintWriter out = cli.out();
      int n = imported.size();
      out.println(n == 0 ? lang().pick("The account lists nobody with complete details (name, national code, mobile).",
          "حساب کسی با مشخصات کامل (نام، کد ملی، همراه) ندارد.")
          : lang().pick("Imported " + n + (n == 1 ? " person" : " people") + " from your " + provider + " account:",
              JalaliFormat.PERSIAN.number(n) + " نفر از حساب " + Errors.siteName(provider) + " شما آمد:"));
      imported.forEach(p -> out.println(line(p, lang())));
      out.flush();
      return ExitCodes.OK;
    }

    private AccountSession session(Cli cli, Backend backend) {
      if (sessionFile == null && backend.isSandbox()) {
        // the fake lives as long as this command: log in to its demo account, which has a family
        return backend.sandboxFamilyLogin();
      }
      Path file = sessionFile != null ? sessionFile : SessionFile.defaultPath(cli.home(), provider, backend.isSandbox());
      return SessionFile.readLive(cli, file, provider);
    }
  }
}

package io.github.slothunter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.Booking;
import io.github.slothunter.api.Capability;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.DoctorRef;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Hold;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.ProviderInfo;
import io.github.slothunter.api.RequestBudget;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.spi.Authenticator;
import io.github.slothunter.spi.Booker;
import io.github.slothunter.spi.DoctorSearch;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.spi.SlotWatcher;
import io.github.slothunter.testkit.InMemoryProvider.Operation;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The kit must fail providers that break the contract, and skip what a provider cannot do. */
class ProviderCompatibilityKitTest {
  private final FakeClock clock = FakeClock.at(Fixtures.START);
  private final InMemoryProvider site = InMemoryProvider.builder().clock(clock).build();
  private final List<Slot> opened = new ArrayList<>();

  @BeforeEach
  void openCalendar() {
    Target target = site.target("dr-kit");
    opened.add(site.open(target, Fixtures.NINE));
    opened.add(site.open(target, Fixtures.NINE.plus(Duration.ofDays(1))));
  }

  private Kit kit(Provider provider) {
    return new Kit(provider, "mem:dr-kit", null);
  }

  /** The kit with a logged-in session, so its booking tests run. */
  private Kit bookingKit(Provider provider) {
    return new Kit(provider, "mem:dr-kit", new AccountSession(InMemoryProvider.DEFAULT_ID, "token", Map.of(), null));
  }

  /** The kit over a provider that may break the contract. */
  private static final class Kit extends ProviderCompatibilityKit {
    private final Provider provider;
    private final String link;
    private final AccountSession session;

    Kit(Provider provider, String link, AccountSession session) {
      this.provider = provider;
      this.link = link;
      this.session = session;
    }

    @Override
    protected Optional<AccountSession> session() {
      return Optional.ofNullable(session);
    }

    @Override
    protected Provider provider() {
      return provider;
    }

    @Override
    protected String doctorLink() {
      return link;
    }

    @Override
    protected String foreignLink() {
      return "https://doctoreto.com/doctor/dr-x/ZaEBBZ";
    }
  }

  private class Delegate implements Provider {
    @Override
    public ProviderInfo info() {
      return site.info();
    }

    @Override
    public Optional<DoctorRef> parse(String urlOrSlug) {
      return site.parse(urlOrSlug);
    }

    @Override
    public Doctor lookup(DoctorRef ref) {
      return site.lookup(ref);
    }

    @Override
    public SlotWatcher slots() {
      return site.slots();
    }

    @Override
    public Optional<Booker> booker() {
      return site.booker();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Optional<DoctorSearch> search() {
      return Optional.empty();
    }

    @Override
    public void close() {
    }
  }

  /** The in-memory provider, listing READ_BACK or not, with the given read-back. */
  private Provider readingBack(boolean listed, BiFunction<Booking, AccountSession, Optional<Booking>> readBack) {
    Booker siteBooker = site.booker().orElseThrow();
    return new Delegate() {
      @Override
      public ProviderInfo info() {
        EnumSet<Capability> caps = EnumSet.copyOf(site.info().capabilities());
        if (listed) {
          caps.add(Capability.READ_BACK);
        }
        return new ProviderInfo(site.info().id(), site.info().name(), site.info().zone(), caps,
            site.info().defaultBudget());
      }

      @Override
      public Optional<Booker> booker() {
        return Optional.of(new Booker() {
          @Override
          public Hold hold(Slot slot, AccountSession session) {
            return siteBooker.hold(slot, session);
          }

          @Override
          public Booking book(Hold hold, Patient patient, AccountSession session) {
            return siteBooker.book(hold, patient, session);
          }

          @Override
          public void release(Hold hold, AccountSession session) {
            siteBooker.release(hold, session);
          }

          @Override
          public void cancel(Booking booking, Patient patient, AccountSession session) {
            siteBooker.cancel(booking, patient, session);
          }

          @Override
          public Optional<Booking> readBack(Booking booking, AccountSession session) {
            return readBack.apply(booking, session);
          }
        });
      }
    };
  }

  @Test
  void failsAReadBackThatStillShowsACancelledBooking() {
    Kit kit = bookingKit(readingBack(true, (booking, session) -> Optional.of(booking)));

    assertThatThrownBy(kit::readBackSeesABookingButNotItsCancellation).isInstanceOf(AssertionError.class)
        .hasMessageContaining("cancelled booking");
    assertThat(site.count(Operation.BOOK)).isEqualTo(1);
    assertThat(site.count(Operation.CANCEL)).isEqualTo(1);
    assertThat(site.bookings()).isEmpty();
  }

  @Test
  void failsAReadBackThatDoesNotFindABookingJustMade() {
    Kit kit = bookingKit(readingBack(true, (booking, session) -> Optional.empty()));

    assertThatThrownBy(kit::readBackSeesABookingButNotItsCancellation).isInstanceOf(AssertionError.class)
        .hasMessageContaining("not read back");
  }

  @Test
  void failsAReadBackThatMovesTheBooking() {
    Kit kit = bookingKit(readingBack(true, (booking, session) -> Optional.of(new Booking(
        new Slot(booking.slot().target(), booking.slot().start().plusSeconds(3600),
            booking.slot().end().plusSeconds(3600), "moved"), booking.providerBookingKey(), "", booking.bookedAt()))));

    assertThatThrownBy(kit::readBackSeesABookingButNotItsCancellation).isInstanceOf(AssertionError.class)
        .hasMessageContaining("slot start on record");
  }

  @Test
  void failsAProviderThatReadsBackWithoutListingReadBack() {
    Kit kit = kit(readingBack(false, (booking, session) -> Optional.empty()));

    assertThatThrownBy(kit::readBackWithoutTheCapabilityIsUnsupported).isInstanceOf(AssertionError.class)
        .hasMessageContaining("UNSUPPORTED");
  }

  @Test
  void failsAProviderWithoutReadBackThatAnswersWithAnotherError() {
    Kit kit = kit(readingBack(false, (booking, session) -> {
      throw new SlotHunterException(ErrorCode.PROTOCOL, "odd receipt");
    }));

    assertThatThrownBy(kit::readBackWithoutTheCapabilityIsUnsupported).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected UNSUPPORTED but got");
  }

  @Test
  void skipsTheReadBackTestForProvidersWithoutReadBack() {
    Kit kit = bookingKit(new Delegate());

    assertThatThrownBy(kit::readBackSeesABookingButNotItsCancellation).isInstanceOf(TestAbortedException.class);
    assertThat(site.bookings()).isEmpty();
    assertThat(site.count(Operation.BOOK)).isZero();
  }

  /** The in-memory provider with a login whose accountPatients answers as given, listing ACCOUNT_PATIENTS or not. */
  private Provider withPeople(boolean listed, List<Patient> people) {
    return new Delegate() {
      @Override
      public ProviderInfo info() {
        EnumSet<Capability> caps = EnumSet.copyOf(site.info().capabilities());
        caps.add(Capability.LOGIN);
        if (listed) {
          caps.add(Capability.ACCOUNT_PATIENTS);
        }
        return new ProviderInfo(site.info().id(), site.info().name(), site.info().zone(), caps,
            site.info().defaultBudget());
      }

      @Override
      public Optional<Authenticator> authenticator() {
        return Optional.of(new Authenticator() {
          @Override
          public io.github.slothunter.api.OtpChallenge start(String mobile) {
            throw new UnsupportedOperationException();
          }

          @Override
          public AccountSession complete(io.github.slothunter.api.OtpChallenge challenge, String code) {
            throw new UnsupportedOperationException();
          }

          @Override
          public List<Patient> accountPatients(AccountSession session) {
            return people;
          }
        });
      }
    };
  }

  @Test
  void failsAnAccountPatientWithoutAnAccountUserId() {
    Kit kit = bookingKit(withPeople(true, List.of(Patient.of("Sara", "Ahmadi", Fixtures.NATIONAL_CODE, Fixtures.CELL))));

    assertThatThrownBy(kit::accountPatientsNameDistinctAccountUsers).isInstanceOf(AssertionError.class)
        .hasMessageContaining("without an account user id");
  }

  @Test
  void failsTwoAccountPatientsWithOneAccountUserId() {
    Patient p = Patient.of("Sara", "Ahmadi", Fixtures.NATIONAL_CODE, Fixtures.CELL).withAccountUserId("7");
    Kit kit = bookingKit(withPeople(true, List.of(p, p)));

    assertThatThrownBy(kit::accountPatientsNameDistinctAccountUsers).isInstanceOf(AssertionError.class)
        .hasMessageContaining("one account user id");
  }

  @Test
  void failsAProviderThatListsAccountPatientsWithoutTheCapability() {
    Kit kit = kit(withPeople(false, List.of()));

    assertThatThrownBy(kit::accountPatientsWithoutTheCapabilityIsUnsupported).isInstanceOf(AssertionError.class)
        .hasMessageContaining("UNSUPPORTED");
  }

  @Test
  void skipsTheAccountPatientTestsForProvidersWithoutALogin() {
    Kit kit = bookingKit(new Delegate());

    assertThatThrownBy(kit::accountPatientsNameDistinctAccountUsers).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(kit::accountPatientsWithoutTheCapabilityIsUnsupported).isInstanceOf(TestAbortedException.class);
  }

  @Test
  void failsAProviderThatThrowsOnGarbage() {
    Kit kit = kit(new Delegate() {
      @Override
      public Optional<DoctorRef> parse(String urlOrSlug) {
        if (urlOrSlug.isBlank()) {
          throw new IllegalArgumentException("blank");
        }
        return super.parse(urlOrSlug);
      }
    });

    assertThatThrownBy(kit::rejectsGarbageWithEmpty).isInstanceOf(AssertionError.class);
  }

  @Test
  void failsAProviderThatClaimsForeignLinks() {
    Kit kit = kit(new Delegate() {
      @Override
      public Optional<DoctorRef> parse(String urlOrSlug) {
        return Optional.of(new DoctorRef("paziresh24", "anyone"));
      }
    });

    assertThatThrownBy(kit::rejectsForeignLinkWithEmpty).isInstanceOf(AssertionError.class);
    assertThatThrownBy(kit::rejectsGarbageWithEmpty).isInstanceOf(AssertionError.class);
  }

  @Test
  void failsAProviderInTheWrongZone() {
    Kit kit = kit(new Delegate() {
      @Override
      public ProviderInfo info() {
        return new ProviderInfo("paziresh24", "x", ZoneOffset.UTC, EnumSet.of(Capability.LOOKUP),
            RequestBudget.of(1, 1, 1));
      }
    });

    assertThatThrownBy(kit::infoIsSane).isInstanceOf(AssertionError.class);
  }

  @Test
  void failsAProviderThatCannotParseItsOwnLink() {
    Kit kit = kit(new Delegate() {
      @Override
      public Optional<DoctorRef> parse(String urlOrSlug) {
        return Optional.empty();
      }
    });

    assertThatThrownBy(kit::parsesItsOwnLink).isInstanceOf(AssertionError.class);
    assertThatThrownBy(kit::lookupGivesABookableTarget).isInstanceOf(AssertionError.class);
  }

  @Test
  void failsWhenTheDoctorHasNoFreeDays() {
    for (Slot s : opened) {
      site.take(s);
    }
    Kit kit = kit(new Delegate());

    assertThatThrownBy(kit::freeDaysAreAscending).isInstanceOf(AssertionError.class).hasMessageContaining("free days");
  }

  @Test
  void skipsBookingWithoutASession() {
    Kit kit = kit(new Delegate());

    assertThatThrownBy(kit::holdThenBookLeavesNoHolds).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(kit::releaseIsIdempotent).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(kit::readBackSeesABookingButNotItsCancellation).isInstanceOf(TestAbortedException.class);
    assertThat(kit.outstandingHolds()).isNegative();
    assertThat(kit.patient().nationalCode()).hasSize(10);
  }

  @Test
  void passesTheInMemoryProviderOnReadTests() {
    Kit kit = kit(new Delegate());

    kit.infoIsSane();
    kit.parsesItsOwnLink();
    kit.parsesItsOwnLinkWithSurroundingSpaces();
    kit.rejectsForeignLinkWithEmpty();
    kit.rejectsGarbageWithEmpty();
    kit.lookupGivesABookableTarget();
    kit.unknownDoctorIsNotFound();
    kit.freeDaysAreAscending();
    kit.freeSlotsFallOnTheirDaySorted();
    kit.freeSlotsOfAPastDayAreEmpty();
    kit.readBackWithoutTheCapabilityIsUnsupported();

    assertThat(site.count(Operation.LOOKUP)).isPositive();
  }
}

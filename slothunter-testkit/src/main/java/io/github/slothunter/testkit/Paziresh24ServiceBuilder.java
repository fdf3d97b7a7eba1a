package io.github.slothunter.testkit;

import static io.github.slothunter.testkit.internal.Checks.requirePositive;
import static io.github.slothunter.testkit.internal.Checks.requireText;

import io.github.slothunter.testkit.internal.InitialSlots;
import io.github.slothunter.testkit.internal.Paziresh24Directory.ServiceSpec;
import io.github.slothunter.testkit.internal.Paziresh24ScenarioReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Describes one service at a {@link FakePaziresh24} center: its title, price, length, booking switches
 * and the slots free from the start. Handed to the lambda of
 * {@link Paziresh24CenterBuilder#service(String, Consumer)}; not thread-safe.
 */
public final class Paziresh24ServiceBuilder {
  final String id;
  private String title = "ویزیت";
  private long price;
  private Duration duration = Duration.ofMinutes(15);
  String userCenterId;
  private boolean bookable = true;
  private boolean canRequest;
  private boolean bookingOff;
  private String hoursOfWork = "شنبه تا چهارشنبه ۹ الی ۱۳";
  final InitialSlots initial = new InitialSlots();

  Paziresh24ServiceBuilder(String id) {
    this.id = id;
  }

  /** {@code alias_title}; default {@code ویزیت}. */
  public Paziresh24ServiceBuilder title(String value) {
    this.title = requireText(value, "title");
    return this;
  }

  /**
   * {@code free_price} in rials; default 0. A priced service (or any service of the online center
   * {@value FakePaziresh24#ONLINE_CENTER_ID}) needs online payment: its book reply says
   * {@code "reqiure_payment":"1"} (spec 5.6) and {@link FakeBooking#paymentRequired()} is true.
   */
  public Paziresh24ServiceBuilder price(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("price must not be negative: " + value);
    }
    this.price = value;
    return this;
  }

  /** One appointment's length (whole minutes on the page); default 15 minutes. */
  public Paziresh24ServiceBuilder duration(Duration value) {
    this.duration = requirePositive(value, "duration");
    return this;
  }

  /** {@code user_center_id}; default the center's. */
  public Paziresh24ServiceBuilder userCenterId(String value) {
    this.userCenterId = requireText(value, "userCenterId");
    return this;
  }

  /** {@code can_booking}; default {@code true}. Non-bookable services answer status 0 on the booking RPC. */
  public Paziresh24ServiceBuilder bookable(boolean value) {
    this.bookable = value;
    return this;
  }

  /** {@code can_request} (the "book request" flow); default {@code false}. */
  public Paziresh24ServiceBuilder canRequest(boolean value) {
    this.canRequest = value;
    return this;
  }

  /**
   * Whether online booking starts switched off (status 700, spec 2.1); default {@code false}.
   * Toggle it at run time with {@link FakePaziresh24#bookingOff(String, String, String, boolean)}.
   */
  public Paziresh24ServiceBuilder bookingOff(boolean value) {
    this.bookingOff = value;
    return this;
  }

  /**
   * {@code hours_of_work} as text; empty makes the service not bookable, as on the site. The JSON
   * {@code hours_of_work[]} days and hours come from the calendar's slots (Saturday to Wednesday
   * 09:00-13:00 while it has none).
   */
  public Paziresh24ServiceBuilder hoursOfWork(String value) {
    this.hoursOfWork = Objects.requireNonNull(value, "hoursOfWork");
    return this;
  }

  /** A slot free from the start. */
  public Paziresh24ServiceBuilder slot(Instant start) {
    initial.slot(start);
    return this;
  }

  /** A day's calendar free from the start (see {@link FakePaziresh24#openSlots}). */
  public Paziresh24ServiceBuilder day(LocalDate day, LocalTime from, LocalTime to) {
    initial.day(day, from, to);
    return this;
  }

  ServiceSpec spec(String centerUserCenterId) {
    return new ServiceSpec(id, title, price, duration, userCenterId != null ? userCenterId : centerUserCenterId,
        bookable, canRequest, hoursOfWork, bookingOff);
  }

  Paziresh24ScenarioReader.ServiceTarget asTarget() {
    Paziresh24ServiceBuilder self = this;
    return new Paziresh24ScenarioReader.ServiceTarget() {
      @Override
      public void set(String key, String value) {
        switch (key) {
          case "title": self.title(value); break;
          case "price": self.price(Long.parseLong(value)); break;
          case "duration": self.duration(Duration.parse(value)); break;
          case "userCenterId": self.userCenterId(value); break;
          case "bookable": self.bookable(Boolean.parseBoolean(value)); break;
          case "canRequest": self.canRequest(Boolean.parseBoolean(value)); break;
          case "hoursOfWork": self.hoursOfWork(value); break;
          case "bookingOff": self.bookingOff(Boolean.parseBoolean(value)); break;
          default: throw new IllegalArgumentException("unknown service key '" + key + "'");
        }
      }

      @Override
      public void slot(Instant start) {
        self.slot(start);
      }

      @Override
      public void day(LocalDate day, LocalTime from, LocalTime to) {
        self.day(day, from, to);
      }
    };
  }
}

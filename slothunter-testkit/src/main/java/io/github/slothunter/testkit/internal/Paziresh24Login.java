package io.github.slothunter.testkit.internal;

import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_BAD_CELL;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_OK;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_OTP_SENT;
import static io.github.slothunter.testkit.internal.Paziresh24Site.MSG_WRONG_OTP;
import static io.github.slothunter.testkit.internal.Paziresh24Site.ok;
import static io.github.slothunter.testkit.internal.Paziresh24Site.status0;
import static io.github.slothunter.testkit.internal.Paziresh24Site.unauthenticated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.slothunter.testkit.internal.Paziresh24State.User;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fake site's SMS-code login (spec 7, 11): {@code gozargah/register}, {@code gozargah/resetpassword},
 * {@code gozargah/v1/login} and {@code v1/auth/me}. Called by {@link Paziresh24Site} under the state's
 * monitor.
 *
 * <p>{@code auth/me} lists the account holder and the family members a test added, each in the spec's
 * {@code users[]} element shape. The site's sub-user endpoints ({@code /api/listSubUser} and the rest,
 * spec 7) are not served: their answers are not in the spec (UNVERIFIED), and the fake invents no shape.
 */
final class Paziresh24Login {
  /** A cell as the site sends it to register, resetpassword and login: with or without its leading 0. */
  private static final Pattern CELL = Pattern.compile("0?9\\d{9}");

  private final Paziresh24State state;

  Paziresh24Login(Paziresh24State state) {
    this.state = state;
  }

  private static Optional<String> loginCell(Optional<String> raw) {
    if (raw.isEmpty() || !CELL.matcher(raw.get()).matches()) {
      return Optional.empty();
    }
    return Optional.of(raw.get().startsWith("0") ? raw.get() : "0" + raw.get());
  }

  /**
   * register (spec 7, 11): the site sends the cell without its leading 0 ({@code 9121234567}); a
   * leading 0 is accepted too. Invalid: status 0 with {@code details["تلفن همراه"]}. It sends no code.
   */
  FakeResponse register(IncomingRequest r) {
    Optional<String> cell = loginCell(r.param("cell"));
    if (cell.isEmpty()) {
      return status0("خطا", Map.of("تلفن همراه", "شماره موبایل معتبر نیست"));
    }
    User u = state.user(cell.get());
    u.registered = true;
    return FakeResponse.json(200, ok(MSG_OK));
  }

  FakeResponse resetPassword(IncomingRequest r) {
    Optional<String> cell = loginCell(r.param("cell"));
    if (cell.isEmpty()) {
      return status0(MSG_BAD_CELL, Map.of("تلفن همراه", MSG_BAD_CELL));
    }
    User u = state.user(cell.get());
    Instant now = state.now();
    if (u.otpSentAt != null && now.isBefore(u.otpSentAt.plus(state.settings.otpResendInterval()))) {
      // the earlier code stays valid (spec 2.1: status 39 still leads to code entry)
      ObjectNode body = Json.object().put("status", 39)
          .put("message", "کد تایید به تازگی ارسال شده است، لطفا کمی صبر کنید.");
      body.putObject("result").put("has_static_password", false);
      return FakeResponse.json(200, body);
    }
    u.otpSentAt = now;
    u.otpIssuedAt = now;
    ObjectNode body = ok(MSG_OTP_SENT);
    body.putObject("result").put("has_static_password", false);
    return FakeResponse.json(200, body);
  }

  FakeResponse login(IncomingRequest r) {
    Optional<String> cell = loginCell(r.param("username"));
    if (cell.isEmpty()) {
      return status0(MSG_BAD_CELL, Map.of("تلفن همراه", MSG_BAD_CELL));
    }
    User u = state.user(cell.get());
    Instant now = state.now();
    boolean fresh = u.otpIssuedAt != null && now.isBefore(u.otpIssuedAt.plus(state.settings.otpValidity()));
    if (!fresh || !r.param("password").orElse("").equals(state.settings.otp())) {
      return status0(MSG_WRONG_OTP, Map.of());
    }
    u.otpIssuedAt = null;
    Paziresh24State.Token t = state.issueToken(u);
    return FakeResponse.json(200, ok("ورود موفق").put("token", t.value()).put("certificate", state.ids.hex(8)))
        .withHeader("Set-Cookie", "token=" + t.value() + "; Path=/; HttpOnly; SameSite=Lax");
  }

  FakeResponse me(IncomingRequest r) {
    Optional<User> u = state.userOf(r.bearerToken());
    if (u.isEmpty()) {
      return unauthenticated();
    }
    // spec 11's shape, one element per person: the holder first (spec 7: users[0]), then family members
    ObjectNode body = Json.object();
    com.fasterxml.jackson.databind.node.ArrayNode users = body.putArray("users");
    for (io.github.slothunter.testkit.FakeAccountUser a : u.get().accountUsers()) {
      users.addObject()
          .put("id", Long.parseLong(a.id()))
          .put("name", a.name())
          .put("family", a.family())
          .put("cell", a.cell().substring(1))
          .put("national_code", a.nationalCode())
          .putNull("vip");
    }
    return FakeResponse.json(200, body);
  }
}

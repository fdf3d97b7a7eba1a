package io.github.slothunter.examples.telegram;

import io.github.slothunter.examples.support.SecretSealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's tables: chat state sealed and read back whole, labels, counters, charges, the store key file. */
class BotStoreTest {
  private static final Patient SARA = Patient.of("Sara", "Ahmadi", "0499370899", "09121234567");
  private static final AccountSession SESSION = new AccountSession("fakedoc", "tok-secret", Map.of("uid", "7"),
      Instant.parse("2026-04-01T00:00:00Z"));

  private final FakeClock clock = FakeClock.at("2026-03-20T08:00:00Z");
  private final BotDatabase db = BotDatabase.inMemory();
  private final byte[] key = SecretSealer.newKey();
  private final BotStore store = new BotStore(db, key, clock);

  @AfterEach
  void close() {
    db.close();
  }

  private ChatState roundTrip(ChatState st) {
    store.saveChat(1L, st);
    return store.loadChat(1L);
  }

  @Test
  void aChatNeverSeenIsPersianAndIdle() {
    ChatState st = store.loadChat(7L);

    assertThat(st.lang).isEqualTo(Lang.FA);
    assertThat(st.step).isEqualTo(Step.IDLE);
    assertThat(st.autoBook).isNull();
  }

  @Test
  void everyKeptStepReadsBackEqual() {
    OwnerPatient chosen = new OwnerPatient("Sara", SARA.withAccountUserId("u-9"), "fakedoc");
    OtpChallenge challenge = new OtpChallenge("fakedoc", "09121234567", Map.of("nonce", "n1"),
        Instant.parse("2026-03-20T08:05:00Z"));
    List<Step> steps = List.of(new Step.AwaitingLink(), new Step.AwaitingFilter("w-1"),
        new Step.AwaitingPatient(Step.PatientField.MOBILE, "Sara", "Ahmadi", "0499370899", Step.Purpose.SAVE),
        new Step.AwaitingCode(Step.Purpose.AUTO_BOOK, chosen, challenge, 2),
        new Step.AwaitingCode(Step.Purpose.IMPORT, null, new OtpChallenge("fakedoc", "09121234567", Map.of(), Instant.parse("2026-03-20T08:05:00Z"),
            "send the code", Instant.parse("2026-03-20T08:01:00Z"), true), 0),
        new Step.AwaitingAccountMobile(Step.Purpose.IMPORT, null),
        new Step.ChoosingPatient(4, List.of(chosen, new OwnerPatient("Ali", SARA))),
        new Step.ManagingPatients(5, List.of()));

    for (Step step : steps) {
      ChatState st = new ChatState();
      st.step = step;

      assertThat(roundTrip(st).step).isEqualTo(step);
    }
  }

  @Test
  void languageFlowAutoBookingAndSessionReadBack() {
    ChatState st = new ChatState();
    st.lang = Lang.EN;
    st.flow = 9;
    st.autoBook = AutoBook.of(SARA, SESSION);
    st.session = new AccountSession("fakedoc", "tok-2", Map.of(), null);

    ChatState back = roundTrip(st);

    assertThat(back.lang).isEqualTo(Lang.EN);
    assertThat(back.flow).isEqualTo(9);
    assertThat(back.autoBook).isEqualTo(st.autoBook);
    assertThat(back.session).isEqualTo(st.session);
  }

  @Test
  void theAddMenusHoldingADoctorAreNotKept() {
    ChatState st = new ChatState();
    st.step = new Step.ChoosingCenter(3, "l", TestDoctors.sara(), TestDoctors.sara().centers());

    assertThat(roundTrip(st).step).isEqualTo(Step.IDLE);
  }

  @Test
  void aChatSealedUnderAnotherKeyDoesNotOpen() {
    ChatState st = new ChatState();
    st.autoBook = AutoBook.of(SARA, SESSION);
    store.saveChat(1L, st);

    BotStore otherKey = new BotStore(db, SecretSealer.newKey(), clock);

    assertThatThrownBy(() -> otherKey.loadChat(1L)).isInstanceOfSatisfying(SlotHunterException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT)).hasMessageNotContaining("Sara");
  }

  @Test
  void aStoredStateThatNoLongerReadsStartsIdleButKeepsTheLanguage() {
    SecretSealer sealer = new SecretSealer(key, "slothunter-bot chat state");
    db.run("write", c -> {
      try (java.sql.PreparedStatement s = c.prepareStatement(
          "INSERT INTO bot_chats (chat_id, lang, flow, sealed, updated_at) VALUES (5, 'en', 3, ?, 0)")) {
        s.setString(1, sealer.seal("{\"step\":{\"type\":\"filter\"}}", "chat:5")); // no watch id
        return s.executeUpdate();
      }
    });

    ChatState st = store.loadChat(5L);

    assertThat(st.lang).isEqualTo(Lang.EN);
    assertThat(st.flow).isEqualTo(3);
    assertThat(st.step).isEqualTo(Step.IDLE);
  }

  @Test
  void h2UrlsWriteEveryCommitBeforeItReturns() {
    assertThat(BotDatabase.withoutWriteDelay("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x;WRITE_DELAY=0");
    assertThat(BotDatabase.withoutWriteDelay("jdbc:h2:mem:x;write_delay=0")).isEqualTo("jdbc:h2:mem:x;write_delay=0");
    assertThatThrownBy(() -> BotDatabase.withoutWriteDelay("jdbc:h2:mem:x;WRITE_DELAY=500"))
        .isInstanceOfSatisfying(SlotHunterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void countersAddUpPerChatAndName() {
    store.add(1L, BotStore.SLOTS_ANNOUNCED, 5);
    store.add(1L, BotStore.SLOTS_ANNOUNCED, 7);
    store.add(2L, BotStore.SLOTS_ANNOUNCED, 1);

    assertThat(store.count(1L, BotStore.SLOTS_ANNOUNCED)).isEqualTo(12);
    assertThat(store.count(1L, BotStore.BOOKINGS)).isZero();
    assertThat(store.count(2L, BotStore.SLOTS_ANNOUNCED)).isEqualTo(1);
  }

  @Test
  void aChargeIsRecordedOnceAndMarkedApplied() {
    Instant until = Instant.parse("2026-04-19T08:00:00Z");

    boolean first = store.chargeReceived("ch-1", 1L, "PREMIUM", until);
    boolean again = store.chargeReceived("ch-1", 1L, "PREMIUM", until);
    BotStore.Charge received = store.charge("ch-1").orElseThrow();
    store.chargeApplied("ch-1");

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(received).isEqualTo(new BotStore.Charge(false, until));
    assertThat(store.charge("ch-1")).contains(new BotStore.Charge(true, until));
    assertThat(store.charge("ch-2")).isEmpty();
  }

  @Test
  void labelsReadBackAndGoWhenDeleted() {
    WatchLabel label = new WatchLabel("دکتر رضا", "کلینیک", "ویزیت", 1_200_000L, "https://x/dr/r", "c9", "s9");

    store.saveLabel("42", "t1", label);
    store.saveLabel("42", "t2", new WatchLabel("d", "", "", null, "l", "c", "s"));
    store.deleteLabel("42", "t2");

    assertThat(store.labels()).containsExactly(Map.entry("42|t1", label));
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyOnceAndNotInsideTheDatabase(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("keys/store.key");
    BotConfig.Storage storage = BotConfig.Storage.embedded(dir.resolve("db"), keyFile);

    byte[] first = StoreKey.load(storage);
    byte[] second = StoreKey.load(storage);

    assertThat(first).hasSize(32).isEqualTo(second);
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> StoreKey.load(BotConfig.Storage.embedded(dir, dir.resolve("store.key"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the database directory");
  }
}

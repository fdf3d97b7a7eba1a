package io.github.slothunter.examples.telegram;

import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.Subscription;
import io.github.slothunter.spi.Provider;
import io.github.slothunter.store.jdbc.JdbcStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: a SlotHunter engine, the conversation over it, and the Telegram transport,
 * wired together. The engine's events become notifications through
 * {@link BotConversation#onEvent} and {@link TelegramTransport#deliver}.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and stops everything it started (not the backend).
 */
public final class Bot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final BotDatabase database;
  private final SlotHunter hunter;
  private final Provider loginProvider;
  private final BotConversation conversation;
  private final TelegramTransport transport;
  private final Subscription subscription;
  /** Sends the "your plan ends soon" reminders, hourly. */
  private final java.util.concurrent.ScheduledExecutorService reminders;

  private Bot(BotDatabase database, SlotHunter hunter, Provider loginProvider, BotConversation conversation,
      TelegramTransport transport, Subscription subscription) {
    this.database = database;
    this.hunter = hunter;
    this.loginProvider = loginProvider;
    this.conversation = conversation;
    this.transport = transport;
    this.subscription = subscription;
    this.reminders = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bot-plan-reminders");
      t.setDaemon(true);
      return t;
    });
    reminders.scheduleWithFixedDelay(this::remind, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
  }

  private void remind() {
    try {
      transport.deliver(conversation.planReminders());
    } catch (RuntimeException e) {
      log.warn("could not send the plan reminders; trying again in an hour", e);
    }
  }

  /**
   * Opens the database (creating or migrating its tables), builds the engine on it and the backend,
   * starts long polling and returns the running bot. Watches, filters, plans and patient books come
   * back from the engine's store; chats, their flows, labels, counters and charges from the bot's tables.
   *
   * @throws io.github.slothunter.api.SlotHunterException when the database, the engine or the provider
   *     cannot be built
   * @throws IllegalArgumentException for a malformed store key
   */
  public static Bot start(BotConfig config, Backend backend) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(backend, "backend");
    BotConfig.Storage storage = config.storage();
    byte[] key = StoreKey.load(storage);
    BotDatabase database = BotDatabase.open(storage.db(), storage.dbUser(), storage.dbPassword());
    SlotHunter hunter;
    try {
      JdbcStore store = JdbcStore.builder().dataSource(database.dataSource()).encryptionKey(key)
          .clock(backend.clock()).build();
      hunter = backend.hunter().store(store).build();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    Provider login = null;
    try {
      login = backend.loginProvider();
      BotConversation.Builder b = BotConversation.builder(hunter)
          .store(new BotStore(database, key, backend.clock()))
          .plans(backend.plans())
          .clock(backend.clock())
          .linkRewriter(backend::link)
          .exampleLinks(backend.exampleLinks());
      login.authenticator().ifPresent(b::authenticator);
      if (config.adminChatId() != null) {
        b.adminChatId(config.adminChatId());
      }
      BotConversation conversation = b.build();
      TelegramTransport transport = new TelegramTransport(config.token(), config.apiUrl(), config.pollTimeout(),
          conversation);
      Subscription sub = hunter.listen(event -> transport.deliver(conversation.onEvent(event)));
      transport.start();
      log.info("bot started on {} (admin chat {})", backend, config.adminChatId() == null ? "none" : config.adminChatId());
      log.info("bot state in {}", database);
      return new Bot(database, hunter, login, conversation, transport, sub);
    } catch (RuntimeException e) {
      if (login != null) {
        login.close();
      }
      hunter.close();
      database.close();
      throw e;
    }
  }

  /** The engine. */
  public SlotHunter hunter() {
    return hunter;
  }

  /** The conversation. */
  public BotConversation conversation() {
    return conversation;
  }

  /** Stops polling, the engine (releasing any hold), the login provider and the database. */
  @Override
  public void close() {
    reminders.shutdownNow();
    transport.close();
    subscription.close();
    hunter.close();
    loginProvider.close();
    database.close();
  }
}

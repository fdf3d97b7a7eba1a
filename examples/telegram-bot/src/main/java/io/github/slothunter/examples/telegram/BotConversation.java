package io.github.slothunter.examples.telegram;

import io.github.slothunter.examples.support.SecretSealer;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plans;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import io.github.slothunter.spi.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's conversation as a state machine over plain values: {@link #handle(Incoming)} turns
 * what a user sent into what to send back, {@link #onEvent(SlotEvent)} turns engine events into
 * notifications, and {@link #flush()} sends the slots a burst limit held back. No Telegram types and
 * no HTTP: the transport moves the values.
 *
 * <p>This class routes: each command, button and flow step goes to the class that owns it
 * ({@link WatchFlow}, {@link FindFlow}, {@link FilterFlow}, {@link AutoBookFlow}, {@link PatientsFlow}, {@link PlanFlow},
 * {@link Notifications}; see the package summary). Each chat is one SlotHunter owner (its chat id as
 * text). Per chat the bot keeps a {@link ChatState} (language, flow step, and after a login the
 * provider session and the chosen patient), loaded from and written back to the bot's database
 * ({@link BotStore}, the personal parts sealed) around every update, so a restart forgets nobody;
 * the state is written before the replies are returned (persist, then publish). Watches, filters,
 * plans and patient books are the engine's, in its store. Plans and quotas are the engine's: the bot
 * reads {@link SlotHunter#plan(String)} to explain a limit before the engine refuses
 * ({@code QUOTA_EXCEEDED}), and explains the engine's refusal the same way.
 *
 * <p>Thread-safe. {@link #handle(Incoming)} may block on provider and database I/O (a doctor lookup,
 * the SMS login); messages of one chat must be handled one at a time, in order (the transport does so),
 * while different chats may be handled in parallel. {@link #onEvent(SlotEvent)} writes the
 * {@code /stats} counters to the database and may run concurrently with {@code handle}.
 */
public final class BotConversation {
  private static final Logger log = LoggerFactory.getLogger(BotConversation.class);

  /** The provider {@code /find} searches by default: the only one with an area search today. */
  public static final String DEFAULT_AREA_PROVIDER = "paziresh24";
  /** Default number of slot messages per watch per {@link #DEFAULT_BURST_WINDOW}; more are summarised. */
  public static final int DEFAULT_SLOTS_PER_BURST = 5;
  /** Default window of the per-watch slot message limit. */
  public static final Duration DEFAULT_BURST_WINDOW = Duration.ofMinutes(1);
  /** Wrong SMS codes accepted before the login starts over. */
  public static final int MAX_CODE_ATTEMPTS = 3;

  private final SlotHunter hunter;
  private final BotStore store;
  private final Map<Long, ChatState> chats = new ConcurrentHashMap<>();
  private final WatchLabels labels;
  private final BotPayments payments;
  private final WatchFlow watches;
  private final FilterFlow filters;
  private final AutoBookFlow autoBook;
  private final PatientsFlow patients;
  private final FindFlow find;
  private final PlanFlow plans;
  private final Notifications notifications;

  private BotConversation(Builder b) {
    this.hunter = b.hunter;
    this.store = b.store != null ? b.store : new BotStore(BotDatabase.inMemory(), SecretSealer.newKey(), b.clock);
    this.labels = new WatchLabels(hunter, store);
    SlotNotices notices = new SlotNotices(b.clock, b.slotsPerBurst, b.burstWindow);
    WatchEditor editor = new WatchEditor(hunter, labels);
    this.payments = new BotPayments(hunter, b.plans, b.clock, store);
    this.watches = new WatchFlow(hunter, labels, editor, notices, b.linkRewriter, b.exampleLinks);
    this.filters = new FilterFlow(hunter, labels, editor);
    this.find = new FindFlow(hunter, b.areaProvider);
    PatientBook book = new PatientBook(hunter);
    this.autoBook = new AutoBookFlow(hunter, b.authenticator, editor, book, b.clock);
    this.patients = new PatientsFlow(hunter, book, autoBook);
    this.plans = new PlanFlow(hunter, b.plans, payments, store, b.adminChatId);
    this.notifications = new Notifications(hunter, labels, notices, store, this::messages);
  }

  /** Starts configuring a conversation over the engine. */
  public static Builder builder(SlotHunter hunter) {
    return new Builder(hunter);
  }

  /** The owner id of a chat in the engine. */
  public static String owner(long chatId) {
    return Long.toString(chatId);
  }

  /** The language a chat speaks ({@link Lang#DEFAULT} until it chooses). */
  public Lang lang(long chatId) {
    return state(chatId).lang;
  }

  private Messages messages(long chatId) {
    return Messages.of(lang(chatId));
  }

  /** A chat's state: the cached one, or the stored one, or a new one. */
  private ChatState state(long chatId) {
    return chats.computeIfAbsent(chatId, store::loadChat);
  }

  /** What the bot shows about a watch (names remembered from the lookup that created it), if the watch exists. */
  public Optional<WatchLabel> label(String watchId) {
    return hunter.find(Objects.requireNonNull(watchId, "watchId")).map(labels::of);
  }

  /** What {@code /stats} shows a chat: the doctors it watches, and the slots and bookings the bot told it about. */
  public OwnerStats stats(long chatId) {
    return plans.stats(chatId);
  }

  // =================================================================== incoming

  /**
   * Handles one message or button press and returns what to send, in order, after the chat's state
   * is stored. Never throws for anything a user can type; provider and database failures become
   * friendly messages.
   */
  public List<Outgoing> handle(Incoming in) {
    Objects.requireNonNull(in, "in");
    ChatState st;
    try {
      st = state(in.chatId());
    } catch (RuntimeException e) {
      log.error("chat {}: cannot load the chat's state", in.chatId(), e);
      return List.of(new Outgoing.Send(in.chatId(), Messages.of(Lang.DEFAULT).unexpected()));
    }
    synchronized (st) {
      Reply r = new Reply(in.chatId(), Messages.of(st.lang));
      try {
        if (in instanceof Incoming.Text text) {
          onText(st, text.text().strip(), r);
        } else if (in instanceof Incoming.Location loc) {
          find.location(st, loc, r);
        } else if (in instanceof Incoming.Callback cb) {
          onCallback(st, Press.of(cb), r);
        } else if (in instanceof Incoming.PreCheckout q) {
          r.out.add(payments.preCheckout(q, r.m));
        } else if (in instanceof Incoming.Paid paid) {
          r.out.addAll(payments.paid(paid, r.m));
        }
      } catch (SlotHunterException e) {
        // the user is told; the log keeps the code and the (PII-free) message, a stack only for surprises
        if (e.retryable() || e.code() == ErrorCode.PROTOCOL) {
          log.warn("chat {}: {}", in.chatId(), e.getMessage());
        } else {
          log.info("chat {}: {}", in.chatId(), e.getMessage());
        }
        st.step = Step.IDLE;
        if (e.code() == ErrorCode.AUTH_REQUIRED) {
          st.session = null; // rejected or expired: the next flow logs in again
        }
        if (e.code() == ErrorCode.QUOTA_EXCEEDED) {
          r.send(r.m.quotaWatches(hunter.plan(r.owner()), hunter.watches(r.owner()).size()));
        } else {
          r.send(r.m.failure(e.code()));
        }
      } catch (RuntimeException e) {
        log.error("chat {}: failed to handle an update", in.chatId(), e);
        st.step = Step.IDLE;
        r.send(r.m.unexpected());
      }
      try {
        store.saveChat(in.chatId(), st); // persist, then publish
      } catch (RuntimeException e) {
        log.error("chat {}: cannot store the chat's state; the replies are not sent", in.chatId(), e);
        chats.remove(in.chatId()); // the next update starts from what is stored
        return List.of(new Outgoing.Send(in.chatId(), r.m.unexpected()));
      }
      return r.out;
    }
  }

  private void onText(ChatState st, String text, Reply r) {
    if (text.startsWith("/")) {
      String[] parts = text.split("\\s+", 2);
      String command = parts[0].toLowerCase(Locale.ROOT);
      int at = command.indexOf('@'); // "/add@SlotHunterBot" in groups
      if (at > 0) {
        command = command.substring(0, at);
      }
      String args = parts.length > 1 ? parts[1].strip() : "";
      command(st, command, args, r);
      return;
    }
    Step step = st.step;
    if (step instanceof Step.AwaitingLink) {
      st.step = Step.IDLE;
      watches.add(st, text, r);
    } else if (FindFlow.takesWords(step)) {
      find.typed(st, text, r);
    } else if (step instanceof Step.AwaitingFilter f) {
      filters.apply(st, f.watchId(), text, r);
    } else if (step instanceof Step.AwaitingPatient p) {
      patients.detail(st, p, text, r);
    } else if (step instanceof Step.AwaitingCode c) {
      autoBook.code(st, c, text, r);
    } else if (step instanceof Step.AwaitingAccountMobile a) {
      autoBook.accountMobile(st, a, text, r);
    } else if (watches.looksLikeLink(text)) {
      watches.add(st, text, r);
    } else {
      r.send(r.m.unknown());
    }
  }

  private void command(ChatState st, String command, String args, Reply r) {
    if (!command.equals("/cancel")) {
      st.step = Step.IDLE; // a new command abandons any flow in progress
    }
    switch (command) {
      case "/start", "/lang", "/language" -> r.send(Messages.chooseLanguage(), Keyboard.row(
          Button.callback(Messages.languageButtonFa(), "lang:fa"), Button.callback(Messages.languageButtonEn(), "lang:en")));
      case "/help" -> r.send(r.m.help());
      case "/add" -> watches.addCommand(st, args, r);
      case "/find" -> find.find(st, r);
      case "/list" -> watches.list(r);
      case "/remove", "/delete" -> watches.remove(r);
      case "/filter" -> filters.filter(st, args, r);
      case "/autobook" -> autoBook.autoBook(st, args, r);
      case "/patients" -> patients.patients(st, r);
      case "/plan" -> plans.plan(r);
      case "/plans", "/buy" -> plans.forSale(r);
      case "/stats" -> plans.stats(r);
      case "/grant" -> plans.grant(args, r, this::messages);
      case "/cancel" -> {
        boolean busy = st.busy();
        st.step = Step.IDLE;
        r.send(busy ? r.m.cancelled() : r.m.nothingToCancel());
      }
      default -> r.send(r.m.unknown());
    }
  }

  private void onCallback(ChatState st, Press p, Reply r) {
    switch (p.kind()) {
      case "lang" -> {
        Optional<Lang> lang = Lang.fromCode(p.arg(1));
        if (lang.isEmpty()) {
          r.stale(p.cb());
          return;
        }
        st.lang = lang.get();
        Messages m = Messages.of(st.lang);
        r.answer(p.cb(), m.languageChosen());
        r.edit(p.cb(), m.languageChosen() + "\n\n" + m.help(), Keyboard.NONE);
      }
      case "c" -> watches.centerChosen(st, p, r);
      case "s" -> watches.serviceChosen(st, p, r);
      case "rm" -> watches.removeChosen(p, r);
      case "f" -> filters.chosen(st, p, r);
      case "pb" -> autoBook.patientChosen(st, p, r);
      case "pr" -> patients.removeChosen(st, p, r);
      case "pa" -> patients.addChosen(st, p, r);
      case "pi" -> patients.importChosen(st, p, r);
      case "buy" -> plans.buy(p, r);
      case "fs", "fd", "fx", "fn", "fp", "fg", "fw" -> find.pressed(st, p, r);
      default -> r.stale(p.cb());
    }
  }

  /** Reminders for the chats whose plan ends within a few days, once per end date (see {@link BotPayments}). */
  public List<Outgoing> planReminders() {
    return payments.remindDue(store.chatIds(), chat -> messages(chat));
  }

  // =================================================================== events

  /**
   * The notifications for one engine event (often none). The slots and bookings they report are
   * counted in the bot's database before they are returned.
   */
  public List<Outgoing> onEvent(SlotEvent event) {
    return notifications.onEvent(Objects.requireNonNull(event, "event"));
  }

  /**
   * Summaries of the slots the per-watch burst limit held back since the last flush (call it every
   * few seconds). Slots that went away meanwhile are left out.
   */
  public List<Outgoing> flush() {
    return notifications.flush();
  }

  /** Configures a {@link BotConversation}. Not thread-safe. */
  public static final class Builder {
    private final SlotHunter hunter;
    private Plans plans = Plans.defaults();
    private Authenticator authenticator;
    private Long adminChatId;
    private UnaryOperator<String> linkRewriter = UnaryOperator.identity();
    private List<String> exampleLinks = List.of();
    private Clock clock = Clock.systemUTC();
    private int slotsPerBurst = DEFAULT_SLOTS_PER_BURST;
    private Duration burstWindow = DEFAULT_BURST_WINDOW;
    private BotStore store;
    private String areaProvider = DEFAULT_AREA_PROVIDER;

    private Builder(SlotHunter hunter) {
      this.hunter = Objects.requireNonNull(hunter, "hunter");
    }

    /** The plans the engine was built with, for {@code /grant} (default {@link Plans#defaults()}). */
    public Builder plans(Plans value) {
      this.plans = Objects.requireNonNull(value, "plans");
      return this;
    }

    /** The provider's SMS login, for {@code /autobook}; without it auto-booking is unavailable. */
    public Builder authenticator(Authenticator value) {
      this.authenticator = Objects.requireNonNull(value, "authenticator");
      return this;
    }

    /** The one chat allowed to {@code /grant} plans; without it nobody may. */
    public Builder adminChatId(long value) {
      this.adminChatId = value;
      return this;
    }

    /** Turns what users paste into the link given to the engine (the sandbox maps fake links to real-looking ones). */
    public Builder linkRewriter(UnaryOperator<String> value) {
      this.linkRewriter = Objects.requireNonNull(value, "linkRewriter");
      return this;
    }

    /** Doctor links shown when {@code /add} asks for one (the sandbox's doctors). */
    public Builder exampleLinks(List<String> value) {
      this.exampleLinks = List.copyOf(value);
      return this;
    }

    /** The clock of the burst limit and of login waits (default {@link Clock#systemUTC()}). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * At most {@code count} slot messages per watch per {@code window}; the rest are summarised by
     * {@link BotConversation#flush()}. Default {@value BotConversation#DEFAULT_SLOTS_PER_BURST} per minute.
     */
    public Builder slotBurst(int count, Duration window) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive: " + window);
      }
      this.slotsPerBurst = count;
      this.burstWindow = window;
      return this;
    }

    /**
     * Where the bot keeps its own state (default: a private in-memory database, forgotten when the
     * process ends; {@link Bot#start} passes the configured one).
     */
    Builder store(BotStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The provider {@code /find} searches (default {@value BotConversation#DEFAULT_AREA_PROVIDER}). */
    public Builder areaProvider(String value) {
      this.areaProvider = Objects.requireNonNull(value, "areaProvider");
      return this;
    }

    /** Builds the conversation. */
    public BotConversation build() {
      return new BotConversation(this);
    }
  }
}

package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AccountSession;
import io.github.slothunter.api.BookingFailed;
import io.github.slothunter.api.BookingOutcomeUnknown;
import io.github.slothunter.api.BookingSucceeded;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.EventsDropped;
import io.github.slothunter.api.HoldPlaced;
import io.github.slothunter.api.JalaliFormat;
import io.github.slothunter.api.OtpChallenge;
import io.github.slothunter.api.OwnerPatient;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.Pii;
import io.github.slothunter.api.ProviderThrottled;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.Slot;
import io.github.slothunter.api.SlotEvent;
import io.github.slothunter.api.SlotGone;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.SlotOpened;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.WatchEvent;
import io.github.slothunter.api.WatchPaused;
import io.github.slothunter.api.WatchResumed;
import io.github.slothunter.api.AutoBook;
import io.github.slothunter.core.OwnerStats;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.Plans;
import io.github.slothunter.api.SlotFilter;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.api.Watch;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import io.github.slothunter.spi.Authenticator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Each chat is one SlotHunter owner (its chat id as text). Per chat the bot keeps its language,
 * the step of a multi-message flow ({@code /add}, {@code /filter}, {@code /autobook}, {@code /patients})
 * and, after a login, the provider session and the chosen patient, in memory only. The people a chat books
 * for are its patient book in the engine ({@link SlotHunter#patients}): {@code /patients} lists them, adds
 * one by hand, imports the logged-in account's people (Paziresh24: the account holder and family members)
 * and removes them; {@code /autobook} asks whom to book for when the book has anyone. Plans and quotas are
 * the engine's: the bot reads {@link SlotHunter#plan(String)} to explain a limit before the engine
 * refuses ({@code QUOTA_EXCEEDED}), and explains the engine's refusal the same way.
 *
 * <p>Thread-safe. {@link #handle(Incoming)} may block on provider I/O (a doctor lookup, the SMS
 * login); messages of one chat must be handled one at a time, in order (the transport does so),
 * while different chats may be handled in parallel. {@link #onEvent(SlotEvent)} never blocks on I/O
 * and may run concurrently with {@code handle}.
 */
public final class BotConversation {
  private static final Logger log = LoggerFactory.getLogger(BotConversation.class);

  /** Default number of slot messages per watch per {@link #DEFAULT_BURST_WINDOW}; more are summarised. */
  public static final int DEFAULT_SLOTS_PER_BURST = 5;
  /** Default window of the per-watch slot message limit. */
  public static final Duration DEFAULT_BURST_WINDOW = Duration.ofMinutes(1);
  /** Wrong SMS codes accepted before the login starts over. */
  public static final int MAX_CODE_ATTEMPTS = 3;

  private final SlotHunter hunter;
  private final Plans plans;
  private final Authenticator authenticator;
  private final Long adminChatId;
  private final UnaryOperator<String> linkRewriter;
  private final List<String> exampleLinks;
  private final SlotNotices notices;
  private final BotPayments payments;
  private final Clock clock;
  private final Map<Long, ChatState> chats = new ConcurrentHashMap<>();
  private final Map<String, WatchLabel> labels = new ConcurrentHashMap<>();

  private BotConversation(Builder b) {
    this.hunter = b.hunter;
    this.plans = b.plans;
    this.authenticator = b.authenticator;
    this.adminChatId = b.adminChatId;
    this.linkRewriter = b.linkRewriter;
    this.exampleLinks = List.copyOf(b.exampleLinks);
    this.notices = new SlotNotices(b.clock, b.slotsPerBurst, b.burstWindow);
    this.payments = new BotPayments(hunter, b.plans, b.clock);
    this.clock = b.clock;
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
    ChatState st = chats.get(chatId);
    return st == null ? Lang.DEFAULT : st.lang;
  }

  /** What the bot shows about a watch (names remembered from the lookup that created it), if the watch exists. */
  public Optional<WatchLabel> label(String watchId) {
    return hunter.find(Objects.requireNonNull(watchId, "watchId")).map(this::labelOf);
  }

  // =================================================================== incoming

  /**
   * Handles one message or button press and returns what to send, in order. Never throws for
   * anything a user can type; provider failures become friendly messages.
   */
  public List<Outgoing> handle(Incoming in) {
    Objects.requireNonNull(in, "in");
    ChatState st = chats.computeIfAbsent(in.chatId(), k -> new ChatState());
    synchronized (st) {
      Reply r = new Reply(in.chatId(), Messages.of(st.lang));
      try {
        if (in instanceof Incoming.Text text) {
          onText(st, text.text().strip(), r);
        } else if (in instanceof Incoming.Callback cb) {
          onCallback(st, cb, r);
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
    if (step instanceof AwaitingLink) {
      st.step = Step.IDLE;
      add(st, text, r);
    } else if (step instanceof AwaitingFilter f) {
      applyFilter(st, f.watchId(), text, r);
    } else if (step instanceof AwaitingPatient p) {
      patientDetail(st, p, text, r);
    } else if (step instanceof AwaitingCode c) {
      code(st, c, text, r);
    } else if (step instanceof AwaitingAccountMobile a) {
      accountMobile(st, a, text, r);
    } else if (looksLikeLink(text)) {
      add(st, text, r);
    } else {
      r.send(r.m.unknown());
    }
  }

  private boolean looksLikeLink(String text) {
    return text.length() <= 2048 && hunter.parse(linkRewriter.apply(text)).isPresent();
  }

  private void command(ChatState st, String command, String args, Reply r) {
    if (!command.equals("/cancel")) {
      st.step = Step.IDLE; // a new command abandons any flow in progress
    }
    switch (command) {
      case "/start", "/lang", "/language" -> r.send(Messages.chooseLanguage(), Keyboard.row(
          Button.callback(Messages.languageButtonFa(), "lang:fa"), Button.callback(Messages.languageButtonEn(), "lang:en")));
      case "/help" -> r.send(r.m.help());
      case "/add" -> {
        if (args.isEmpty()) {
          if (quotaReached(r)) {
            return;
          }
          st.step = new AwaitingLink();
          r.send(r.m.askLink(exampleLinks));
        } else {
          add(st, args, r);
        }
      }
      case "/list" -> list(r);
      case "/remove", "/delete" -> remove(r);
      case "/filter" -> filter(st, args, r);
      case "/autobook" -> autoBook(st, args, r);
      case "/patients" -> patients(st, r);
      case "/plan" -> r.send(r.m.plan(hunter.plan(r.owner()), hunter.watches(r.owner()).size()));
      case "/plans", "/buy" -> plansForSale(r);
      case "/stats" -> {
        OwnerStats stats = hunter.ownerStats(r.owner());
        r.send(r.m.stats(stats));
      }
      case "/grant" -> grant(args, r);
      case "/cancel" -> {
        boolean busy = st.step != Step.IDLE;
        st.step = Step.IDLE;
        r.send(busy ? r.m.cancelled() : r.m.nothingToCancel());
      }
      default -> r.send(r.m.unknown());
    }
  }

  private void onCallback(ChatState st, Incoming.Callback cb, Reply r) {
    String data = cb.data();
    String[] p = data.split(":", 3);
    switch (p[0]) {
      case "lang" -> {
        Optional<Lang> lang = Lang.fromCode(p.length > 1 ? p[1] : "");
        if (lang.isEmpty()) {
          stale(cb, r);
          return;
        }
        st.lang = lang.get();
        Messages m = Messages.of(st.lang);
        r.answer(cb, m.languageChosen());
        r.edit(cb, m.languageChosen() + "\n\n" + m.help(), Keyboard.NONE);
      }
      case "c" -> chooseCenter(st, cb, p, r);
      case "s" -> chooseService(st, cb, p, r);
      case "rm" -> removeChosen(cb, p.length > 1 ? p[1] : "", r);
      case "f" -> filterChosen(st, cb, p.length > 1 ? p[1] : "", r);
      case "pb" -> patientChosen(st, cb, p, r);
      case "pr" -> patientRemoveChosen(st, cb, p, r);
      case "pa" -> patientAddChosen(st, cb, p, r);
      case "pi" -> importChosen(st, cb, p, r);
      case "buy" -> {
        Optional<Outgoing.Invoice> invoice = payments.invoice(cb.chatId(), p.length > 1 ? p[1] : "", r.m);
        if (invoice.isEmpty()) {
          stale(cb, r);
          return;
        }
        r.answer(cb, "");
        r.out.add(invoice.get());
      }
      default -> stale(cb, r);
    }
  }

  /** The plans on sale in Stars, a button each. */
  private void plansForSale(Reply r) {
    List<Plan> onSale = payments.onSale();
    if (onSale.isEmpty()) {
      r.send(r.m.nothingForSale());
      return;
    }
    List<Button> buttons = new ArrayList<>();
    for (Plan p : onSale) {
      buttons.add(Button.callback(r.m.planName(p.name()) + " — " + p.price().amount() + " ⭐", "buy:" + p.name()));
    }
    r.send(r.m.plansForSale(onSale, hunter.plan(r.owner())), Keyboard.column(buttons));
  }

  /** Reminders for the chats whose plan ends within a few days, once per end date (see {@link BotPayments}). */
  public List<Outgoing> planReminders() {
    return payments.remindDue(List.copyOf(chats.keySet()), chat -> Messages.of(lang(chat)));
  }

  private static void stale(Incoming.Callback cb, Reply r) {
    r.answer(cb, r.m.staleMenu());
  }

  // =================================================================== /add

  private boolean quotaReached(Reply r) {
    Plan plan = hunter.plan(r.owner());
    int used = hunter.watches(r.owner()).size();
    if (used >= plan.maxWatches()) {
      r.send(r.m.quotaWatches(plan, used));
      return true;
    }
    return false;
  }

  private void add(ChatState st, String rawLink, Reply r) {
    // check the plan before spending a lookup; the engine checks again when the watch is registered
    if (quotaReached(r)) {
      return;
    }
    String link = linkRewriter.apply(rawLink.strip());
    if (link.length() > 2048 || hunter.parse(link).isEmpty()) {
      r.send(r.m.notADoctorLink());
      return;
    }
    int ahead = hunter.lookupProgress().waiting();
    if (ahead > 0) { // the lookup waits its turn inside the site's request budget: say so instead of going quiet
      r.send(r.m.lookupQueued(ahead));
    }
    Doctor doctor = hunter.lookup(link);
    List<Center> centers = doctor.centers().stream()
        .filter(c -> c.services().stream().anyMatch(Service::bookable)).toList();
    if (centers.isEmpty()) {
      r.send(r.m.noBookableService(doctor.displayName()));
      return;
    }
    if (centers.size() == 1) {
      offerServices(st, link, doctor, centers.get(0), null, r);
      return;
    }
    int flow = ++st.flow;
    st.step = new ChoosingCenter(flow, link, doctor, centers);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < centers.size(); i++) {
      buttons.add(Button.callback(r.m.centerButton(centers.get(i)), "c:" + flow + ":" + i));
    }
    r.send(r.m.chooseCenter(doctor.displayName()), Keyboard.column(buttons));
  }

  private void chooseCenter(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (!(st.step instanceof ChoosingCenter c) || p.length < 3 || !p[1].equals(Integer.toString(c.flow()))) {
      stale(cb, r);
      return;
    }
    int i = index(p[2], c.centers().size());
    if (i < 0) {
      stale(cb, r);
      return;
    }
    r.answer(cb, "");
    offerServices(st, c.link(), c.doctor(), c.centers().get(i), cb, r);
  }

  private void offerServices(ChatState st, String link, Doctor doctor, Center center, Incoming.Callback menu, Reply r) {
    List<Service> services = center.services().stream().filter(Service::bookable).toList();
    if (services.size() == 1) {
      st.step = Step.IDLE;
      register(st, link, doctor, center, services.get(0), menu, r);
      return;
    }
    int flow = ++st.flow;
    st.step = new ChoosingService(flow, link, doctor, center, services);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      buttons.add(Button.callback(r.m.serviceButton(services.get(i)), "s:" + flow + ":" + i));
    }
    String text = r.m.chooseService(doctor.displayName(), center.name());
    if (menu == null) {
      r.send(text, Keyboard.column(buttons));
    } else {
      r.edit(menu, text, Keyboard.column(buttons));
    }
  }

  private void chooseService(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (!(st.step instanceof ChoosingService s) || p.length < 3 || !p[1].equals(Integer.toString(s.flow()))) {
      stale(cb, r);
      return;
    }
    int i = index(p[2], s.services().size());
    if (i < 0) {
      stale(cb, r);
      return;
    }
    st.step = Step.IDLE;
    r.answer(cb, "");
    register(st, s.link(), s.doctor(), s.center(), s.services().get(i), cb, r);
  }

  private static int index(String text, int size) {
    try {
      int i = Integer.parseInt(text);
      return i >= 0 && i < size ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void register(ChatState st, String link, Doctor doctor, Center center, Service service,
      Incoming.Callback menu, Reply r) {
    WatchLabel label = new WatchLabel(doctor.displayName(), center.name(), service.title(), service.price(), link,
        center.id(), service.id());
    String owner = r.owner();
    Target target = new Target(doctor.ref(), center.id(), service.id(), service.providerKeys());
    for (Watch w : hunter.watches(owner)) {
      boolean same = w.doctor().equals(doctor.ref()) && w.targets().stream()
          .anyMatch(t -> t.centerId().equals(center.id()) && t.serviceId().equals(service.id()));
      if (same) {
        r.sendOrEdit(menu, r.m.alreadyWatching(label));
        return;
      }
    }
    Plan plan = hunter.plan(owner);
    WatchRequest req = WatchRequest.of(owner, link).center(center.id()).service(service.id());
    AutoBook ab = usableAutoBook(st, plan);
    if (ab != null) {
      req = req.autoBook(ab);
    }
    // the label goes in first: the engine may announce slots it already knows before watch() returns
    labels.put(calendar(owner, target), label);
    Watch w;
    try {
      w = hunter.watch(req);
    } catch (SlotHunterException e) {
      labels.remove(calendar(owner, target));
      if (e.code() == ErrorCode.QUOTA_EXCEEDED) {
        r.sendOrEdit(menu, r.m.quotaWatches(plan, hunter.watches(owner).size()));
        return;
      }
      throw e;
    }
    log.info("chat {} watches {} at center {} service {} as {}", r.chatId, doctor.ref(), center.id(), service.id(), w.id());
    r.sendOrEdit(menu, r.m.watching(label, plan, w.autoBook() != null));
  }

  private AutoBook usableAutoBook(ChatState st, Plan plan) {
    AutoBook ab = st.autoBook;
    return ab != null && plan.autoBook() ? ab : null;
  }

  // =================================================================== /list, /remove

  private void list(Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    StringBuilder s = new StringBuilder(r.m.listHead(watches.size()));
    int i = 1;
    for (Watch w : watches) {
      s.append("\n\n").append(r.m.listEntry(i++, labelOf(w), w.filter(), w.autoBook() != null,
          w.autoBook() != null && w.state() == WatchState.BOOKING_PAUSED));
    }
    r.send(s.toString());
  }

  private void remove(Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    List<Button> buttons = watches.stream()
        .map(w -> Button.callback("🗑 " + r.m.watchButton(labelOf(w)), "rm:" + w.id())).toList();
    r.send(r.m.chooseWatchToRemove(), Keyboard.column(buttons));
  }

  private void removeChosen(Incoming.Callback cb, String watchId, Reply r) {
    Optional<Watch> w = ownWatch(r, watchId);
    if (w.isEmpty()) {
      stale(cb, r);
      return;
    }
    WatchLabel label = labelOf(w.get());
    hunter.cancel(watchId);
    for (Target t : w.get().targets()) {
      labels.remove(calendar(r.owner(), t));
      notices.forget(r.owner(), t.id());
    }
    log.info("chat {} removed watch {}", r.chatId, watchId);
    r.answer(cb, "");
    r.edit(cb, r.m.removed(label), Keyboard.NONE);
  }

  private Optional<Watch> ownWatch(Reply r, String watchId) {
    if (watchId.isEmpty()) {
      return Optional.empty();
    }
    return hunter.find(watchId).filter(w -> w.owner().equals(r.owner()) && w.state() != WatchState.CANCELLED);
  }

  // =================================================================== /filter

  private void filter(ChatState st, String args, Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    if (watches.size() == 1) {
      Watch w = watches.get(0);
      if (!args.isEmpty()) {
        applyFilter(st, w.id(), args, r);
        return;
      }
      st.step = new AwaitingFilter(w.id());
      r.send(r.m.askFilter(labelOf(w), w.filter()));
      return;
    }
    List<Button> buttons = watches.stream()
        .map(w -> Button.callback("🗓 " + r.m.watchButton(labelOf(w)), "f:" + w.id())).toList();
    r.send(r.m.chooseWatchToFilter(), Keyboard.column(buttons));
  }

  private void filterChosen(ChatState st, Incoming.Callback cb, String watchId, Reply r) {
    Optional<Watch> w = ownWatch(r, watchId);
    if (w.isEmpty()) {
      stale(cb, r);
      return;
    }
    st.step = new AwaitingFilter(watchId);
    r.answer(cb, "");
    r.edit(cb, r.m.askFilter(labelOf(w.get()), w.get().filter()), Keyboard.NONE);
  }

  private void applyFilter(ChatState st, String watchId, String text, Reply r) {
    FilterParser.DaysAndHours dh;
    try {
      dh = FilterParser.parse(text);
    } catch (FilterParser.BadFilterException e) {
      r.send(r.m.filterNotUnderstood(e.token())); // stay in the step: the user may try again
      return;
    }
    st.step = Step.IDLE;
    Optional<Watch> old = ownWatch(r, watchId);
    if (old.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    SlotFilter f = old.get().filter();
    SlotFilter updated = new SlotFilter(f.from(), f.to(), dh.days(), dh.windows(), f.earliestOnly(), f.maxPrice());
    Watch w = replace(r.owner(), old.get(), req -> req.filter(updated));
    r.send(r.m.filterSet(labelOf(w), updated));
  }

  /**
   * Re-registers a watch with changes. The engine has no "update watch" call, so this cancels the
   * old watch and registers the new one; if that fails it puts the old one back and rethrows.
   */
  private Watch replace(String owner, Watch old, UnaryOperator<WatchRequest> change) {
    // labels and announced slots are keyed by owner and calendar, so they carry over to the new watch
    WatchRequest before = requestFor(owner, old);
    WatchRequest after = change.apply(before);
    hunter.cancel(old.id());
    try {
      Watch w = hunter.watch(after);
      log.info("watch {} of owner {} replaced by {}", old.id(), owner, w.id());
      return w;
    } catch (SlotHunterException e) {
      try {
        hunter.watch(before);
      } catch (SlotHunterException again) {
        e.addSuppressed(again);
        log.warn("watch {} of owner {} could not be restored after a failed change", old.id(), owner, again);
      }
      throw e;
    }
  }

  private WatchRequest requestFor(String owner, Watch w) {
    WatchLabel label = w.targets().size() == 1 ? labels.get(calendar(owner, w.targets().get(0))) : null;
    WatchRequest req;
    if (label != null) {
      req = WatchRequest.of(owner, label.link()).center(label.centerId()).service(label.serviceId());
    } else {
      req = WatchRequest.of(owner, w.targets().get(0));
    }
    req = req.filter(w.filter());
    // a plan downgraded since the watch was made no longer allows auto-booking: keep the watch, drop the booking
    return w.autoBook() == null || !hunter.plan(owner).autoBook() ? req : req.autoBook(w.autoBook());
  }

  // =================================================================== /autobook

  private void autoBook(ChatState st, String args, Reply r) {
    if (args.equalsIgnoreCase("off") || args.equals("خاموش")) {
      st.autoBook = null;
      st.session = null;
      for (Watch w : hunter.watches(r.owner())) {
        if (w.autoBook() != null) {
          replace(r.owner(), w, req -> stripAutoBook(req, w));
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
    List<OwnerPatient> book = hunter.patients(r.owner());
    if (book.isEmpty()) {
      st.step = new AwaitingPatient(PatientField.FIRST_NAME, "", "", "", Purpose.AUTO_BOOK);
      r.send(r.m.autoBookIntro());
      return;
    }
    int flow = ++st.flow;
    st.step = new ChoosingPatient(flow, book);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < book.size(); i++) {
      buttons.add(Button.callback("👤 " + r.m.patientButton(book.get(i)), "pb:" + flow + ":" + i));
    }
    buttons.add(Button.callback("➕ " + r.m.someoneElseButton(), "pb:" + flow + ":new"));
    r.send(r.m.choosePatient(), Keyboard.column(buttons));
  }

  private void patientChosen(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (!(st.step instanceof ChoosingPatient c) || p.length < 3 || !p[1].equals(Integer.toString(c.flow()))) {
      stale(cb, r);
      return;
    }
    r.answer(cb, "");
    if (p[2].equals("new")) {
      st.step = new AwaitingPatient(PatientField.FIRST_NAME, "", "", "", Purpose.AUTO_BOOK);
      r.edit(cb, r.m.autoBookIntro(), Keyboard.NONE);
      return;
    }
    int i = index(p[2], c.book().size());
    if (i < 0) {
      stale(cb, r);
      return;
    }
    st.step = Step.IDLE;
    loginThen(st, Purpose.AUTO_BOOK, c.book().get(i), cb, r);
  }

  /**
   * Goes on with the chat's live login, or logs in first: with the chosen person's own mobile when they
   * were entered by hand (they are the account holder), else with the account's mobile, which the user is
   * asked for (a family member's own mobile is not the account's login).
   */
  private void loginThen(ChatState st, Purpose purpose, OwnerPatient chosen, Incoming.Callback menu, Reply r) {
    AccountSession session = liveSession(st);
    if (session != null) {
      if (menu != null) {
        r.edit(menu, purpose == Purpose.IMPORT ? r.m.importing() : r.m.chosenPatient(chosen.label()), Keyboard.NONE);
      }
      finish(st, purpose, chosen, session, r);
      return;
    }
    if (purpose == Purpose.IMPORT || chosen.patient().accountUserId() != null) {
      st.step = new AwaitingAccountMobile(purpose, chosen);
      r.sendOrEdit(menu, r.m.askAccountMobile());
      return;
    }
    if (menu != null) {
      r.edit(menu, r.m.chosenPatient(chosen.label()), Keyboard.NONE);
    }
    startLogin(st, purpose, chosen, chosen.patient().mobile(), r);
  }

  private AccountSession liveSession(ChatState st) {
    AccountSession s = st.session;
    return s != null && !s.isExpired(clock.instant()) ? s : null;
  }

  /** Sends the SMS code; on a refused number the chat stays in its step so the user can send another. */
  private void startLogin(ChatState st, Purpose purpose, OwnerPatient chosen, String mobile, Reply r) {
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
    st.step = new AwaitingCode(purpose, chosen, challenge, 0);
    String masked = Pii.maskMobile(challenge.mobile());
    long wait = challenge.resendWait(clock.instant()).toSeconds();
    r.send(challenge.staticPassword() ? r.m.passwordExpected()
        : wait > 0 ? r.m.codeSentEarlier(masked, wait)
        : r.m.codeSent(masked));
  }

  private void accountMobile(ChatState st, AwaitingAccountMobile a, String text, Reply r) {
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

  /** After a login (or with a live one): turns auto-booking on for the chosen person, or imports the account. */
  private void finish(ChatState st, Purpose purpose, OwnerPatient chosen, AccountSession session, Reply r) {
    if (purpose == Purpose.IMPORT) {
      importAccount(session, r);
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
        replace(r.owner(), w, req -> req.autoBook(ab));
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

  // =================================================================== /patients

  private void patients(ChatState st, Reply r) {
    List<OwnerPatient> book = hunter.patients(r.owner());
    int flow = ++st.flow;
    st.step = new ManagingPatients(flow, book);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < book.size(); i++) {
      buttons.add(Button.callback("🗑 " + book.get(i).label(), "pr:" + flow + ":" + i));
    }
    buttons.add(Button.callback("➕ " + r.m.addPatientButton(), "pa:" + flow));
    if (authenticator != null) {
      buttons.add(Button.callback("📥 " + r.m.importPatientsButton(), "pi:" + flow));
    }
    r.send(book.isEmpty() ? r.m.noPatients() : r.m.patientList(book), Keyboard.column(buttons));
  }

  private ManagingPatients managing(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (!(st.step instanceof ManagingPatients m) || p.length < 2 || !p[1].equals(Integer.toString(m.flow()))) {
      stale(cb, r);
      return null;
    }
    return m;
  }

  private void patientRemoveChosen(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    ManagingPatients m = managing(st, cb, p, r);
    if (m == null) {
      return;
    }
    int i = p.length < 3 ? -1 : index(p[2], m.book().size());
    if (i < 0) {
      stale(cb, r);
      return;
    }
    st.step = Step.IDLE;
    String label = m.book().get(i).label();
    hunter.removePatient(r.owner(), label);
    log.info("chat {} removed a patient", r.chatId);
    r.answer(cb, "");
    r.edit(cb, r.m.patientRemoved(label), Keyboard.NONE);
  }

  private void patientAddChosen(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (managing(st, cb, p, r) == null) {
      return;
    }
    st.step = new AwaitingPatient(PatientField.FIRST_NAME, "", "", "", Purpose.SAVE);
    r.answer(cb, "");
    r.edit(cb, r.m.addPatientIntro(), Keyboard.NONE);
  }

  private void importChosen(ChatState st, Incoming.Callback cb, String[] p, Reply r) {
    if (managing(st, cb, p, r) == null) {
      return;
    }
    st.step = Step.IDLE;
    r.answer(cb, "");
    if (authenticator == null) {
      r.edit(cb, r.m.autoBookUnavailable(), Keyboard.NONE);
      return;
    }
    loginThen(st, Purpose.IMPORT, null, cb, r);
  }

  private void importAccount(AccountSession session, Reply r) {
    List<OwnerPatient> imported;
    try {
      imported = hunter.importAccountPatients(r.owner(), session.providerId(), session);
    } catch (SlotHunterException e) {
      if (e.code() == ErrorCode.UNSUPPORTED) {
        r.send(r.m.importUnsupported());
        return;
      }
      throw e;
    }
    log.info("chat {} imported {} people from its {} account", r.chatId, imported.size(), session.providerId());
    r.send(imported.isEmpty() ? r.m.importedNone() : r.m.imported(imported));
  }

  /** Saves a person typed in by hand under their name, numbered when another person has that name. */
  private OwnerPatient saveToBook(Reply r, Patient patient) {
    List<OwnerPatient> book = hunter.patients(r.owner());
    String name = patient.firstName() + " " + patient.lastName();
    String base = name.length() > OwnerPatient.MAX_LABEL - 5 ? name.substring(0, OwnerPatient.MAX_LABEL - 5).strip() : name;
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

  private static WatchRequest stripAutoBook(WatchRequest req, Watch w) {
    WatchRequest plain = req.target().isPresent() ? WatchRequest.of(req.owner(), req.target().get())
        : WatchRequest.of(req.owner(), req.link().orElseThrow());
    if (req.centerId().isPresent()) {
      plain = plain.center(req.centerId().get());
    }
    if (req.serviceId().isPresent()) {
      plain = plain.service(req.serviceId().get());
    }
    return plain.filter(w.filter());
  }

  private void patientDetail(ChatState st, AwaitingPatient p, String text, Reply r) {
    switch (p.field()) {
      case FIRST_NAME -> {
        if (!validName(text)) {
          r.send(r.m.badName());
          return;
        }
        st.step = new AwaitingPatient(PatientField.LAST_NAME, text, "", "", p.purpose());
        r.send(r.m.askLastName());
      }
      case LAST_NAME -> {
        if (!validName(text)) {
          r.send(r.m.badName());
          return;
        }
        st.step = new AwaitingPatient(PatientField.NATIONAL_CODE, p.firstName(), text, "", p.purpose());
        r.send(r.m.askNationalCode());
      }
      case NATIONAL_CODE -> {
        String code;
        try {
          code = Patient.normaliseNationalCode(text);
        } catch (SlotHunterException e) {
          log.info("chat {} sent an invalid national code", r.chatId); // never the code itself
          r.send(r.m.badNationalCode());
          return;
        }
        st.step = new AwaitingPatient(PatientField.MOBILE, p.firstName(), p.lastName(), code, p.purpose());
        r.send(r.m.askMobile());
      }
      case MOBILE -> mobile(st, p, text, r);
      default -> throw new IllegalStateException("unknown field " + p.field());
    }
  }

  private void mobile(ChatState st, AwaitingPatient p, String text, Reply r) {
    Patient patient;
    try {
      patient = Patient.of(p.firstName(), p.lastName(), p.nationalCode(), text);
    } catch (SlotHunterException e) {
      log.info("chat {} sent an invalid mobile", r.chatId);
      r.send(r.m.badMobile());
      return;
    }
    // the person goes into the chat's patient book, to be chosen again next time
    OwnerPatient entry = saveToBook(r, patient);
    if (p.purpose() == Purpose.SAVE) {
      st.step = Step.IDLE;
      r.send(r.m.patientSaved(entry.label()));
      return;
    }
    AccountSession session = liveSession(st);
    if (session != null) {
      st.step = Step.IDLE;
      finish(st, Purpose.AUTO_BOOK, entry, session, r);
      return;
    }
    startLogin(st, Purpose.AUTO_BOOK, entry, patient.mobile(), r);
  }

  private static boolean validName(String text) {
    if (text.isBlank() || text.length() > 100 || text.startsWith("/")) {
      return false;
    }
    return text.codePoints().noneMatch(c -> Character.isDigit(c) || Character.isISOControl(c));
  }

  private void code(ChatState st, AwaitingCode c, String text, Reply r) {
    AccountSession session;
    try {
      session = authenticator.complete(c.challenge(), JalaliFormat.asciiDigits(text).strip());
    } catch (SlotHunterException e) {
      if (e.code() != ErrorCode.AUTH_REQUIRED && e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      int attempts = c.attempts() + 1;
      log.info("chat {}: wrong SMS code for {} ({} of {})", r.chatId, Pii.maskMobile(c.challenge().mobile()), attempts,
          MAX_CODE_ATTEMPTS);
      if (attempts >= MAX_CODE_ATTEMPTS) {
        st.step = Step.IDLE;
        r.send(c.purpose() == Purpose.IMPORT ? r.m.tooManyCodesImport() : r.m.tooManyCodes());
      } else {
        st.step = new AwaitingCode(c.purpose(), c.chosen(), c.challenge(), attempts);
        r.send(r.m.badCode());
      }
      return;
    }
    st.step = Step.IDLE;
    st.session = session;
    log.info("chat {} logged in as {}", r.chatId, Pii.maskMobile(c.challenge().mobile()));
    finish(st, c.purpose(), c.chosen(), session, r);
  }

  // =================================================================== /grant

  private void grant(String args, Reply r) {
    if (adminChatId == null || adminChatId != r.chatId) {
      log.warn("chat {} tried /grant without being the admin", r.chatId);
      r.send(r.m.grantDenied());
      return;
    }
    List<String> names = plans.all().stream()
        .sorted(Comparator.comparingInt(Plan::priority).thenComparing(Plan::name)).map(Plan::name).toList();
    String[] a = args.split("\\s+");
    if (a.length != 2) {
      r.send(r.m.grantUsage(names));
      return;
    }
    long target;
    try {
      target = Long.parseLong(JalaliFormat.asciiDigits(a[0]));
    } catch (NumberFormatException e) {
      r.send(r.m.grantUsage(names));
      return;
    }
    String planName = a[1].toUpperCase(Locale.ROOT);
    Optional<Plan> plan = plans.find(planName);
    if (plan.isEmpty()) {
      r.send(r.m.grantUsage(names));
      return;
    }
    hunter.setPlan(owner(target), planName);
    log.info("admin set the plan of chat {} to {}", target, planName);
    r.send(r.m.granted(target, planName));
    if (target != r.chatId) {
      // the doctors the user already watches count against the new plan, as /plan and /stats say
      r.out.add(new Outgoing.Send(target, Messages.of(lang(target)).planChanged(plan.get(),
          hunter.watches(owner(target)).size())));
    }
  }

  // =================================================================== events

  /**
   * The notifications for one engine event (often none). Fast: no I/O beyond reading the engine's
   * in-memory state.
   */
  public List<Outgoing> onEvent(SlotEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ProviderThrottled e) {
      log.info("provider {} throttled ({}), pausing {}", e.providerId(), e.code(), e.pause());
      return List.of();
    }
    if (event instanceof EventsDropped e) {
      log.warn("the engine dropped {} events because the bot fell behind", e.count());
      return List.of();
    }
    WatchEvent we = (WatchEvent) event;
    long chatId;
    try {
      chatId = Long.parseLong(we.owner());
    } catch (NumberFormatException e) {
      return List.of(); // a watch some other host registered on the same engine
    }
    Messages m = Messages.of(lang(chatId));
    String owner = we.owner();
    if (event instanceof SlotOpened e) {
      return notices.opened(e).map(slot -> slotMessage(chatId, m, labelFor(owner, slot.target()), e.watchId(), slot,
          e.bookingLink())).map(List::of).orElse(List.of());
    }
    if (event instanceof SlotGone e) {
      notices.gone(e);
      return List.of();
    }
    if (event instanceof HoldPlaced e) {
      Slot slot = e.hold().slot();
      return List.of(new Outgoing.Send(chatId, m.holdPlaced(labelFor(owner, slot.target()), slot)));
    }
    if (event instanceof BookingSucceeded e) {
      Slot slot = e.booking().slot();
      log.info("chat {}: booked {} for watch {}", chatId, slot.id(), e.watchId());
      WatchLabel label = labelFor(owner, slot.target());
      Outgoing booked = new Outgoing.Send(chatId, e.paymentRequired()
          ? m.bookedPayToConfirm(label, slot, e.booking().trackingCode(), e.booking().providerBookingKey(),
              e.paymentLink())
          : m.booked(label, slot, e.booking().trackingCode(), e.booking().providerBookingKey()));
      return e.verified() ? List.of(booked) : List.of(booked, new Outgoing.Send(chatId, m.unverified()));
    }
    if (event instanceof BookingFailed e) {
      return List.of(new Outgoing.Send(chatId, m.bookingFailed(labelFor(owner, e.slot().target()), e.slot(), e.code(),
          e.reason(), e.willRetry())));
    }
    if (event instanceof BookingOutcomeUnknown e) {
      return List.of(new Outgoing.Send(chatId, m.bookingUnknown(labelFor(owner, e.slot().target()), e.slot())));
    }
    if (event instanceof io.github.slothunter.api.HoldOutcomeUnknown e) {
      return List.of(new Outgoing.Send(chatId, m.holdUnknown(labelFor(owner, e.slot().target()), e.slot(),
          e.lapsesAt())));
    }
    if (event instanceof WatchPaused e) {
      return List.of(new Outgoing.Send(chatId, m.paused(labelOfWatch(e.watchId()), e.reason())));
    }
    if (event instanceof WatchResumed e) {
      return List.of(new Outgoing.Send(chatId, m.resumed(labelOfWatch(e.watchId()))));
    }
    return List.of();
  }

  private Outgoing slotMessage(long chatId, Messages m, WatchLabel label, String watchId, Slot slot, URI link) {
    Long price = label.price();
    if (price == null) {
      price = hunter.find(watchId).map(w -> w.prices().get(slot.target().id())).orElse(null);
    }
    Keyboard kb = link == null ? Keyboard.NONE : Keyboard.row(Button.link(m.bookButton(), link));
    return new Outgoing.Send(chatId, m.slotOpened(label, slot, price), kb);
  }

  /**
   * Summaries of the slots the per-watch burst limit held back since the last flush (call it every
   * few seconds). Slots that went away meanwhile are left out.
   */
  public List<Outgoing> flush() {
    List<Outgoing> out = new ArrayList<>();
    for (SlotNotices.Held held : notices.drain()) {
      long chatId;
      try {
        chatId = Long.parseLong(held.owner());
      } catch (NumberFormatException e) {
        continue;
      }
      Messages m = Messages.of(lang(chatId));
      WatchLabel label = labelFor(held.owner(), held.slots().get(0).target());
      List<Slot> shown = held.slots().subList(0, Math.min(held.slots().size(), SlotNotices.MAX_LISTED));
      URI link = held.firstLink();
      Keyboard kb = link == null ? Keyboard.NONE : Keyboard.row(Button.link(m.bookButton(), link));
      out.add(new Outgoing.Send(chatId, m.moreSlots(label, shown, held.slots().size()), kb));
    }
    return out;
  }

  private static String calendar(String owner, Target target) {
    return owner + "|" + target.id();
  }

  private WatchLabel labelOf(Watch w) {
    if (w.targets().isEmpty()) {
      return new WatchLabel(w.doctor().key(), "", "", null, w.doctor().toString(), "", "");
    }
    return labelFor(w.owner(), w.targets().get(0));
  }

  private WatchLabel labelOfWatch(String watchId) {
    return hunter.find(watchId).map(this::labelOf)
        .orElseGet(() -> new WatchLabel(watchId, "", "", null, watchId, "", ""));
  }

  /** The remembered label, or one made of the ids when the bot did not register the calendar. */
  private WatchLabel labelFor(String owner, Target t) {
    WatchLabel l = labels.get(calendar(owner, t));
    return l != null ? l : new WatchLabel(t.ref().key(), t.centerId(), t.serviceId(), null, t.ref().toString(),
        t.centerId(), t.serviceId());
  }

  // =================================================================== state

  /** Per-chat state; fields other than {@code lang} and {@code autoBook} are guarded by the instance. */
  private static final class ChatState {
    volatile Lang lang = Lang.DEFAULT;
    /** The patient and the provider session after {@code /autobook}; memory only. */
    volatile AutoBook autoBook;
    /** The chat's provider login, after an SMS code; memory only, dropped when the provider rejects it. */
    volatile AccountSession session;
    Step step = Step.IDLE;
    int flow;
  }

  /** Where a chat is in a multi-message flow. */
  private interface Step {
    Step IDLE = new Step() {
      @Override
      public String toString() {
        return "IDLE";
      }
    };
  }

  private record AwaitingLink() implements Step {}

  private record ChoosingCenter(int flow, String link, Doctor doctor, List<Center> centers) implements Step {}

  private record ChoosingService(int flow, String link, Doctor doctor, Center center, List<Service> services)
      implements Step {}

  private record AwaitingFilter(String watchId) implements Step {}

  private enum PatientField { FIRST_NAME, LAST_NAME, NATIONAL_CODE, MOBILE }

  /** What a login or a typed-in patient is for. */
  private enum Purpose {
    /** Auto-booking for the chosen person. */
    AUTO_BOOK,
    /** Only saving the person into the patient book. */
    SAVE,
    /** Importing the logged-in account's people into the patient book. */
    IMPORT
  }

  /** Collecting the patient; {@code toString()} masks what was collected. */
  private record AwaitingPatient(PatientField field, String firstName, String lastName, String nationalCode,
      Purpose purpose) implements Step {
    @Override
    public String toString() {
      return "AwaitingPatient[" + field + ", " + purpose + "]";
    }
  }

  /** Waiting for the SMS code; {@code chosen} is {@code null} for an import. */
  private record AwaitingCode(Purpose purpose, OwnerPatient chosen, OtpChallenge challenge, int attempts)
      implements Step {}

  /** Waiting for the mobile of the provider account to log in to; {@code chosen} is {@code null} for an import. */
  private record AwaitingAccountMobile(Purpose purpose, OwnerPatient chosen) implements Step {}

  private record ChoosingPatient(int flow, List<OwnerPatient> book) implements Step {}

  private record ManagingPatients(int flow, List<OwnerPatient> book) implements Step {}

  /** Collects the replies to one update. */
  private static final class Reply {
    final long chatId;
    final Messages m;
    final List<Outgoing> out = new ArrayList<>();

    Reply(long chatId, Messages m) {
      this.chatId = chatId;
      this.m = m;
    }

    String owner() {
      return BotConversation.owner(chatId);
    }

    void send(String text) {
      out.add(new Outgoing.Send(chatId, text));
    }

    void send(String text, Keyboard keyboard) {
      out.add(new Outgoing.Send(chatId, text, keyboard));
    }

    void edit(Incoming.Callback cb, String text, Keyboard keyboard) {
      out.add(new Outgoing.Edit(cb.chatId(), cb.messageId(), text, keyboard));
    }

    void sendOrEdit(Incoming.Callback menu, String text) {
      if (menu == null) {
        send(text);
      } else {
        edit(menu, text, Keyboard.NONE);
      }
    }

    void answer(Incoming.Callback cb, String text) {
      out.add(new Outgoing.Answer(cb.callbackId(), text));
    }
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

    /** Builds the conversation. */
    public BotConversation build() {
      return new BotConversation(this);
    }
  }
}

package io.github.slothunter.examples.telegram;

import io.github.slothunter.api.AutoBook;
import io.github.slothunter.api.Center;
import io.github.slothunter.api.Doctor;
import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.Service;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.api.Target;
import io.github.slothunter.api.Watch;
import io.github.slothunter.api.WatchState;
import io.github.slothunter.core.Plan;
import io.github.slothunter.core.SlotHunter;
import io.github.slothunter.core.WatchRequest;
import io.github.slothunter.examples.telegram.Keyboard.Button;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watching a doctor and letting go: {@code /add} (a link, then the center and service menus when
 * there is a choice, the plan's quota checked before the lookup), {@code /list} and {@code /remove}.
 * Thread-safe; called under the chat's lock.
 */
final class WatchFlow {
  private static final Logger log = LoggerFactory.getLogger(WatchFlow.class);

  private final SlotHunter hunter;
  private final WatchLabels labels;
  private final WatchEditor editor;
  private final SlotNotices notices;
  private final UnaryOperator<String> linkRewriter;
  private final List<String> exampleLinks;

  WatchFlow(SlotHunter hunter, WatchLabels labels, WatchEditor editor, SlotNotices notices,
      UnaryOperator<String> linkRewriter, List<String> exampleLinks) {
    this.hunter = hunter;
    this.labels = labels;
    this.editor = editor;
    this.notices = notices;
    this.linkRewriter = linkRewriter;
    this.exampleLinks = List.copyOf(exampleLinks);
  }

  /** Whether a message outside any flow is a doctor link (then it is an {@code /add}). */
  boolean looksLikeLink(String text) {
    return text.length() <= 2048 && hunter.parse(linkRewriter.apply(text)).isPresent();
  }

  /** {@code /add}, with or without the link. */
  void addCommand(ChatState st, String args, Reply r) {
    if (!args.isEmpty()) {
      add(st, args, r);
      return;
    }
    if (quotaReached(r)) {
      return;
    }
    st.step = new Step.AwaitingLink();
    r.send(r.m.askLink(exampleLinks));
  }

  private boolean quotaReached(Reply r) {
    Plan plan = hunter.plan(r.owner());
    int used = hunter.watches(r.owner()).size();
    if (used >= plan.maxWatches()) {
      r.send(r.m.quotaWatches(plan, used));
      return true;
    }
    return false;
  }

  /** Looks the doctor of a link up and offers its centers, its services, or watches the only one. */
  void add(ChatState st, String rawLink, Reply r) {
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
    st.step = new Step.ChoosingCenter(flow, link, doctor, centers);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < centers.size(); i++) {
      buttons.add(Button.callback(r.m.centerButton(centers.get(i)), "c:" + flow + ":" + i));
    }
    r.send(r.m.chooseCenter(doctor.displayName()), Keyboard.column(buttons));
  }

  /** A press on the center menu. */
  void centerChosen(ChatState st, Press p, Reply r) {
    int i = st.step instanceof Step.ChoosingCenter c && p.ofFlow(c.flow()) ? p.index(c.centers().size()) : -1;
    if (i < 0) {
      r.stale(p.cb());
      return;
    }
    Step.ChoosingCenter c = (Step.ChoosingCenter) st.step;
    r.answer(p.cb(), "");
    offerServices(st, c.link(), c.doctor(), c.centers().get(i), p.cb(), r);
  }

  private void offerServices(ChatState st, String link, Doctor doctor, Center center, Incoming.Callback menu,
      Reply r) {
    List<Service> services = center.services().stream().filter(Service::bookable).toList();
    if (services.size() == 1) {
      st.step = Step.IDLE;
      register(st, link, doctor, center, services.get(0), menu, r);
      return;
    }
    int flow = ++st.flow;
    st.step = new Step.ChoosingService(flow, link, doctor, center, services);
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      buttons.add(Button.callback(r.m.serviceButton(services.get(i)), "s:" + flow + ":" + i));
    }
    String text = r.m.chooseService(doctor.displayName(), center.name());
    r.sendOrEdit(menu, text, Keyboard.column(buttons));
  }

  /** A press on the service menu. */
  void serviceChosen(ChatState st, Press p, Reply r) {
    int i = st.step instanceof Step.ChoosingService s && p.ofFlow(s.flow()) ? p.index(s.services().size()) : -1;
    if (i < 0) {
      r.stale(p.cb());
      return;
    }
    Step.ChoosingService s = (Step.ChoosingService) st.step;
    st.step = Step.IDLE;
    r.answer(p.cb(), "");
    register(st, s.link(), s.doctor(), s.center(), s.services().get(i), p.cb(), r);
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
    AutoBook ab = st.autoBook;
    if (ab != null && plan.autoBook()) {
      req = req.autoBook(ab);
    }
    // the label goes in first: the engine may announce slots it already knows before watch() returns
    labels.put(owner, target, label);
    Watch w;
    try {
      w = hunter.watch(req);
    } catch (SlotHunterException e) {
      labels.remove(owner, target);
      if (e.code() == ErrorCode.QUOTA_EXCEEDED) {
        r.sendOrEdit(menu, r.m.quotaWatches(plan, hunter.watches(owner).size()));
        return;
      }
      throw e;
    }
    log.info("chat {} watches {} at center {} service {} as {}", r.chatId, doctor.ref(), center.id(), service.id(),
        w.id());
    r.sendOrEdit(menu, r.m.watching(label, plan, w.autoBook() != null));
  }

  /** {@code /list}. */
  void list(Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    StringBuilder s = new StringBuilder(r.m.listHead(watches.size()));
    int i = 1;
    for (Watch w : watches) {
      s.append("\n\n").append(r.m.listEntry(i++, labels.of(w, r.m), w.filter(), w.autoBook() != null,
          w.autoBook() != null && w.state() == WatchState.BOOKING_PAUSED));
    }
    r.send(s.toString());
  }

  /** {@code /remove}: a button per watch. */
  void remove(Reply r) {
    List<Watch> watches = hunter.watches(r.owner());
    if (watches.isEmpty()) {
      r.send(r.m.noWatches());
      return;
    }
    List<Button> buttons = watches.stream()
        .map(w -> Button.callback("🗑 " + r.m.watchButton(labels.of(w, r.m)), "rm:" + w.id())).toList();
    r.send(r.m.chooseWatchToRemove(), Keyboard.column(buttons));
  }

  /** A press on the {@code /remove} menu. */
  void removeChosen(Press p, Reply r) {
    String watchId = p.arg(1);
    Optional<Watch> w = editor.own(r.owner(), watchId);
    if (w.isEmpty()) {
      r.stale(p.cb());
      return;
    }
    WatchLabel label = labels.of(w.get(), r.m);
    hunter.cancel(watchId);
    for (Target t : w.get().targets()) {
      labels.remove(r.owner(), t);
      notices.forget(r.owner(), t.id());
    }
    log.info("chat {} removed watch {}", r.chatId, watchId);
    r.answer(p.cb(), "");
    r.edit(p.cb(), r.m.removed(label), Keyboard.NONE);
  }
}

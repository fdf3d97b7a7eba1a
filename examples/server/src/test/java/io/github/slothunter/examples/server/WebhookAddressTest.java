package io.github.slothunter.examples.server;

import io.github.slothunter.examples.support.SecretSealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook address policy: every special-purpose and embedded-IPv4 form is refused at
 * registration and at delivery, and a delivery connects to the address it checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookAddressTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Webhooks.Settings ONE_ATTEMPT = new Webhooks.Settings(1, Duration.ofMillis(10),
      Duration.ofMillis(10), Duration.ofSeconds(5), 2, 100, 100);

  private Path dir;
  private Database db;

  @BeforeAll
  void openDatabase() throws Exception {
    dir = Files.createTempDirectory("slothunter-webhook-address");
    db = Database.open(dir.toString(), null, null);
  }

  @AfterAll
  void closeDatabase() {
    db.close();
  }

  /**
   * One form of address: the host as written in a URL, and whether the server calls it by default
   * and with {@code --allow-private-webhooks}.
   */
  record Form(String what, String host, boolean allowedByDefault, boolean allowedWithFlag) {
    @Override
    public String toString() {
      return what + " " + host;
    }
  }

  static Stream<Form> forms() {
    return Stream.of(
        // shared address space, with a cloud metadata address in it
        new Form("shared (CGNAT)", "100.64.0.1", false, false),
        new Form("cloud metadata in shared space", "100.100.100.200", false, false),
        new Form("shared (CGNAT), last", "100.127.255.254", false, false),
        // NAT64 and 6to4 embedding private IPv4
        new Form("NAT64 of private", "[64:ff9b::10.0.0.1]", false, true),
        new Form("NAT64 of loopback", "[64:ff9b::7f00:1]", false, true),
        new Form("NAT64 of metadata", "[64:ff9b::169.254.169.254]", false, false),
        new Form("NAT64 of shared", "[64:ff9b::100.100.100.200]", false, false),
        new Form("NAT64 local-use prefix", "[64:ff9b:1::10.0.0.1]", false, false),
        new Form("6to4 of private", "[2002:a00:1::1]", false, false),
        new Form("6to4 of loopback", "[2002:7f00:1::1]", false, false),
        new Form("6to4 of public", "[2002:808:808::1]", false, false),
        // IPv4-compatible and IPv4-mapped
        new Form("IPv4-compatible loopback", "[::127.0.0.1]", false, false),
        new Form("IPv4-compatible private", "[::10.0.0.1]", false, false),
        new Form("IPv4-compatible public", "[::8.8.8.8]", false, false),
        new Form("IPv4-mapped loopback", "[::ffff:127.0.0.1]", false, true),
        new Form("IPv4-mapped metadata", "[::ffff:169.254.169.254]", false, false),
        new Form("IPv4-mapped shared", "[::ffff:100.64.0.1]", false, false),
        // this network, benchmarking, broadcast
        new Form("this network", "0.0.0.0", false, false),
        new Form("this network, other", "0.1.2.3", false, false),
        new Form("benchmarking", "198.18.0.1", false, false),
        new Form("benchmarking, last", "198.19.255.254", false, false),
        new Form("limited broadcast", "255.255.255.255", false, false),
        // the rest of the IPv4 registry, multicast and reserved
        new Form("loopback", "127.0.0.1", false, true),
        new Form("loopback, decimal", "2130706433", false, true),
        new Form("loopback, short", "127.1", false, true),
        new Form("private 10/8", "10.1.2.3", false, true),
        new Form("private 172.16/12", "172.31.0.1", false, true),
        new Form("private 192.168/16", "192.168.1.1", false, true),
        new Form("link-local metadata", "169.254.169.254", false, false),
        new Form("IETF protocol assignments", "192.0.0.170", false, false),
        new Form("TEST-NET-1", "192.0.2.1", false, false),
        new Form("AS112-v4", "192.31.196.1", false, false),
        new Form("AMT", "192.52.193.1", false, false),
        new Form("6to4 relay anycast", "192.88.99.1", false, false),
        new Form("AS112 direct delegation", "192.175.48.1", false, false),
        new Form("TEST-NET-2", "198.51.100.7", false, false),
        new Form("TEST-NET-3", "203.0.113.7", false, false),
        new Form("multicast", "224.0.0.1", false, false),
        new Form("reserved", "240.0.0.1", false, false),
        // the IPv6 registry
        new Form("unspecified", "[::]", false, false),
        new Form("IPv6 loopback", "[::1]", false, true),
        new Form("discard-only", "[100::1]", false, false),
        new Form("Teredo", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", false, false),
        new Form("IETF protocol assignments", "[2001:2::1]", false, false),
        new Form("ORCHIDv2", "[2001:20::1]", false, false),
        new Form("IPv6 documentation", "[2001:db8::1]", false, false),
        new Form("IPv6 documentation 3fff", "[3fff::1]", false, false),
        new Form("AS112-v6", "[2620:4f:8000::1]", false, false),
        new Form("SRv6", "[5f00::1]", false, false),
        new Form("unique-local", "[fd12:3456::1]", false, true),
        new Form("link-local", "[fe80::1]", false, false),
        new Form("site-local", "[fec0::1]", false, false),
        new Form("IPv6 multicast", "[ff02::1]", false, false),
        new Form("not global unicast", "[4000::1]", false, false),
        // ordinary public addresses
        new Form("public", "8.8.8.8", true, true),
        new Form("public, octal-looking (the JDK reads it as decimal 177)", "0177.0.0.1", true, true),
        new Form("public next to shared", "100.128.0.1", true, true),
        new Form("public NAT64 (DNS64)", "[64:ff9b::8.8.8.8]", true, true),
        new Form("public IPv4-mapped", "[::ffff:8.8.8.8]", true, true),
        new Form("public IPv6", "[2606:4700:4700::1111]", true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void thePolicyJudgesEveryForm(Form form) throws Exception {
    AddressPolicy strict = new AddressPolicy(AddressPolicy.SYSTEM, false);
    AddressPolicy lenient = new AddressPolicy(AddressPolicy.SYSTEM, true);

    assertThat(verdict(strict, form.host())).as("default").isEqualTo(form.allowedByDefault());
    assertThat(verdict(lenient, form.host())).as("with --allow-private-webhooks").isEqualTo(form.allowedWithFlag());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void registrationUsesThePolicy(Form form) {
    try (Webhooks hooks = webhooks(AddressPolicy.SYSTEM, false)) {
      String url = "https://" + form.host() + "/hook";

      if (form.allowedByDefault()) {
        assertThat(hooks.register("own_table", url).hook().url()).isEqualTo(url);
      } else {
        // the JDK's URI parser already refuses some forms (127.1 has no host for it); the rest meet the policy
        assertThatThrownBy(() -> hooks.register("own_table", url))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(hooks.list("own_table")).extracting(Webhooks.Hook::url).doesNotContain(url);
      }
    }
  }

  @Test
  void aMappedAddressAsAResolverMayReturnItIsJudgedByItsIPv4() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 169;
    mapped[13] = (byte) 254;
    mapped[14] = (byte) 169;
    mapped[15] = (byte) 254;
    InetAddress raw = Inet6Address.getByAddress(null, mapped, -1);

    assertThat(raw).isInstanceOf(Inet6Address.class);
    assertThat(new AddressPolicy(AddressPolicy.SYSTEM, true).refusal(raw)).contains("link-local (cloud metadata)");
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIs() {
    FakeResolver dns = new FakeResolver().answer("mixed.customer.test", "8.8.8.8", "10.0.0.1");
    try (Webhooks hooks = webhooks(dns, false)) {

      assertThatThrownBy(() -> hooks.register("own_mixed", "https://mixed.customer.test/hook"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("private-use"));
    }
  }

  @Test
  void aNameThatDoesNotResolveIsRefusedAtRegistration() {
    try (Webhooks hooks = webhooks(new FakeResolver(), false)) {

      assertThatThrownBy(() -> hooks.register("own_nx", "https://nowhere.customer.test/hook"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("does not resolve"));
    }
  }

  @Test
  void aDeliveryConnectsToTheCheckedAddressAndKeepsTheHostHeader() {
    // registration and the attempt's check see the receiver's address; anything later would be metadata
    FakeResolver dns = new FakeResolver()
        .answer("hooks.customer.test", "127.0.0.1")
        .answer("hooks.customer.test", "127.0.0.1")
        .answer("hooks.customer.test", "169.254.169.254");
    try (WebhookReceiver receiver = new WebhookReceiver(Clock.systemUTC());
        Webhooks hooks = webhooks(dns, true)) {
      Webhooks.Created created = hooks.register("own_pinned", "http://hooks.customer.test:" + receiver.port() + "/hook");
      receiver.secret = created.secret();

      assertThat(hooks.ping("own_pinned", created.hook().id(), "evt_pinned", "{}")).isTrue();

      WebhookReceiver.Delivery d = receiver.next(WAIT);
      assertThat(d.valid()).isTrue();
      assertThat(d.host()).isEqualTo("hooks.customer.test:" + receiver.port());
      Await.until(WAIT, () -> !hooks.deliveries("own_pinned", 10).isEmpty());
      assertThat(hooks.deliveries("own_pinned", 10).get(0).outcome()).isEqualTo("DELIVERED");
      assertThat(dns.lookups("hooks.customer.test")).isEqualTo(2);
    }
  }

  @Test
  void aNameThatRebindsToAPrivateAddressIsBlockedBeforeConnecting() {
    FakeResolver dns = new FakeResolver()
        .answer("rebind.customer.test", "8.8.8.8")
        .answer("rebind.customer.test", "127.0.0.1");
    try (WebhookReceiver receiver = new WebhookReceiver(Clock.systemUTC());
        Webhooks hooks = webhooks(dns, false)) {
      Webhooks.Created created = hooks.register("own_rebind", "http://rebind.customer.test:" + receiver.port() + "/hook");

      hooks.ping("own_rebind", created.hook().id(), "evt_rebind", "{}");

      Await.until(WAIT, () -> !hooks.deliveries("own_rebind", 10).isEmpty());
      Webhooks.Delivery row = hooks.deliveries("own_rebind", 10).get(0);
      assertThat(row.outcome()).isEqualTo("BLOCKED");
      assertThat(row.error()).contains("loopback").doesNotContain("127.0.0.1");
      assertThat(receiver.deliveries).isEmpty();
    }
  }

  @Test
  void theSandboxCallsLoopbackOnlyWithTheFlag() {
    try (TestServer sandbox = TestServer.throwaway(b -> b.allowPrivateWebhooks(false))) {
      TestServer.Created o = sandbox.owner("sandboxed", "PREMIUM");

      TestServer.Response r = sandbox.post("/api/v1/webhooks", o.key(), "{\"url\":\"http://127.0.0.1:9/hook\"}");

      assertThat(r.status()).isEqualTo(422);
      assertThat(r.json().get("message").asText()).contains("loopback");
    }
  }

  private Webhooks webhooks(AddressPolicy.Resolver resolver, boolean allowPrivate) {
    return new Webhooks(db, Clock.systemUTC(), new SecretSealer(new byte[32], "test"), ONE_ATTEMPT,
        new AddressPolicy(resolver, allowPrivate));
  }

  private static boolean verdict(AddressPolicy policy, String host) throws UnknownHostException {
    try {
      policy.resolve(host);
      return true;
    } catch (AddressPolicy.Refused e) {
      return false;
    }
  }

  /** A scripted resolver: each name answers its queued answers in turn (the last one repeats); literals as the JDK. */
  static final class FakeResolver implements AddressPolicy.Resolver {
    private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    FakeResolver answer(String host, String... addresses) {
      List<InetAddress> list = Stream.of(addresses).map(FakeResolver::literal).toList();
      answers.computeIfAbsent(host, h -> new ArrayDeque<>()).addLast(list);
      return this;
    }

    int lookups(String host) {
      AtomicInteger n = lookups.get(host);
      return n == null ? 0 : n.get();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      Deque<List<InetAddress>> queue = answers.get(host);
      if (queue == null) {
        throw new UnknownHostException(host);
      }
      synchronized (queue) {
        return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
      }
    }

    private static InetAddress literal(String ip) {
      try {
        return InetAddress.getByName(ip);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(ip, e);
      }
    }
  }
}

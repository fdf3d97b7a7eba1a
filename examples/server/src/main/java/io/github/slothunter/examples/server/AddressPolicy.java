package io.github.slothunter.examples.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses the server calls for webhooks. The one policy is applied when a URL is registered
 * and again before every delivery: the host is resolved once, every address it resolves to must be an
 * ordinary public address (none of the {@link SpecialAddresses}), and the delivery then connects to
 * exactly the addresses that were checked, so a DNS answer that changes between the check and the
 * connection (DNS rebinding) is never used.
 *
 * <p>Loopback, RFC 1918 and unique-local addresses are allowed only when the operator says so
 * ({@code --allow-private-webhooks}); link-local, shared (carrier-grade NAT) space and every other
 * special-purpose block never are, because cloud metadata services answer there. Thread-safe.
 */
final class AddressPolicy {
  /** The JVM's resolver (the hosts file, then DNS). */
  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  private final Resolver resolver;
  private final boolean allowPrivateNetworks;

  AddressPolicy(Resolver resolver, boolean allowPrivateNetworks) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /** Whether loopback and private networks are allowed. */
  boolean allowsPrivateNetworks() {
    return allowPrivateNetworks;
  }

  /** Why the server does not call this address (the registry's name for its block), or empty when it may. */
  Optional<String> refusal(InetAddress address) {
    Optional<SpecialAddresses.Block> block = SpecialAddresses.find(address);
    if (block.isEmpty() || (allowPrivateNetworks && block.get().privateNetwork())) {
      return Optional.empty();
    }
    return Optional.of(block.get().name());
  }

  /**
   * Resolves the host (a name or an address literal, IPv6 with or without brackets) once and checks
   * every address it resolves to.
   *
   * @return the checked addresses, the only ones a delivery may connect to
   * @throws UnknownHostException when the host does not resolve
   * @throws Refused when any of its addresses is refused (one bad answer among good ones is enough:
   *     a client may pick any of them)
   */
  List<InetAddress> resolve(String host) throws UnknownHostException, Refused {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses = resolver.resolve(bare);
    if (addresses == null || addresses.isEmpty()) {
      throw new UnknownHostException("no addresses for " + bare);
    }
    for (InetAddress a : addresses) {
      Optional<String> why = refusal(a);
      if (why.isPresent()) {
        throw new Refused(why.get());
      }
    }
    return List.copyOf(addresses);
  }

  /** Resolves a host name or address literal to its addresses. */
  @FunctionalInterface
  interface Resolver {
    /**
     * The addresses of the host.
     *
     * @throws UnknownHostException when it has none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The host resolves to an address the server does not call; the message names the kind, not the address. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final String block;

    Refused(String block) {
      super("the host resolves to a " + block + " address, which this server does not call");
      this.block = block;
    }

    /** The registry's name for the refused block. */
    String block() {
      return block;
    }
  }
}

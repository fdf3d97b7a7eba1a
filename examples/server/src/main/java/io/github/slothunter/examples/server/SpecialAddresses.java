package io.github.slothunter.examples.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address blocks of the IANA IPv4 and IPv6 registries, plus multicast, the
 * reserved 240.0.0.0/4 and the IPv6 space outside global unicast (2000::/3), as one table that
 * {@link AddressPolicy} consults. An address the table does not list is an ordinary public one.
 *
 * <p>Addresses that carry an IPv4 address inside are judged by what they reach: an IPv4-mapped
 * address ({@code ::ffff:a.b.c.d}) and a NAT64 address of the well-known prefix
 * ({@code 64:ff9b::a.b.c.d}, which DNS64 hands out for IPv4-only hosts) by the IPv4 address they
 * embed. The tunnel and transition forms 6to4 ({@code 2002::/16}), Teredo ({@code 2001::/32}) and the
 * deprecated IPv4-compatible form ({@code ::a.b.c.d}) are listed outright: nobody needs them for a
 * webhook and their embedded address is easy to get wrong. Stateless and thread-safe.
 */
final class SpecialAddresses {
  /** IPv4 blocks, matched in order (the more specific first where blocks nest). */
  private static final List<Block> IPV4 = List.of(
      Block.of("0.0.0.0/8", "this network", false),
      Block.of("10.0.0.0/8", "private-use", true),
      Block.of("100.64.0.0/10", "shared address space (carrier-grade NAT, cloud metadata)", false),
      Block.of("127.0.0.0/8", "loopback", true),
      Block.of("169.254.0.0/16", "link-local (cloud metadata)", false),
      Block.of("172.16.0.0/12", "private-use", true),
      Block.of("192.0.0.0/24", "IETF protocol assignments", false),
      Block.of("192.0.2.0/24", "documentation (TEST-NET-1)", false),
      Block.of("192.31.196.0/24", "AS112-v4", false),
      Block.of("192.52.193.0/24", "AMT", false),
      Block.of("192.88.99.0/24", "deprecated 6to4 relay anycast", false),
      Block.of("192.168.0.0/16", "private-use", true),
      Block.of("192.175.48.0/24", "direct delegation AS112 service", false),
      Block.of("198.18.0.0/15", "benchmarking", false),
      Block.of("198.51.100.0/24", "documentation (TEST-NET-2)", false),
      Block.of("203.0.113.0/24", "documentation (TEST-NET-3)", false),
      Block.of("224.0.0.0/4", "multicast", false),
      Block.of("255.255.255.255/32", "limited broadcast", false),
      Block.of("240.0.0.0/4", "reserved", false));

  /** IPv6 blocks, matched in order (the more specific first where blocks nest). */
  private static final List<Block> IPV6 = List.of(
      Block.of("::/128", "unspecified", false),
      Block.of("::1/128", "loopback", true),
      Block.of("::/96", "deprecated IPv4-compatible", false),
      Block.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", false),
      Block.of("100::/64", "discard-only", false),
      Block.of("100:0:0:1::/64", "dummy prefix", false),
      Block.of("2001::/32", "Teredo", false),
      Block.of("2001::/23", "IETF protocol assignments", false),
      Block.of("2001:db8::/32", "documentation", false),
      Block.of("2002::/16", "6to4", false),
      Block.of("2620:4f:8000::/48", "direct delegation AS112 service", false),
      Block.of("3fff::/20", "documentation", false),
      Block.of("5f00::/16", "segment routing (SRv6) SIDs", false),
      Block.of("fc00::/7", "unique-local", true),
      Block.of("fe80::/10", "link-local", false),
      Block.of("fec0::/10", "deprecated site-local", false),
      Block.of("ff00::/8", "multicast", false));

  private static final Block NAT64 = Block.of("64:ff9b::/96", "NAT64 well-known prefix", false);
  private static final Block MAPPED = Block.of("::ffff:0:0/96", "IPv4-mapped", false);
  private static final Block GLOBAL_UNICAST = Block.of("2000::/3", "global unicast", false);
  private static final Block NOT_GLOBAL = Block.of("::/0", "outside global unicast (2000::/3)", false);

  private SpecialAddresses() {}

  /**
   * The special-purpose block the address falls in, judging embedded IPv4 addresses by the IPv4
   * block they fall in; empty for an ordinary public address.
   */
  static Optional<Block> find(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return find(IPV4, b);
    }
    if (MAPPED.contains(b) || NAT64.contains(b)) {
      byte[] v4 = {b[12], b[13], b[14], b[15]};
      return find(IPV4, v4);
    }
    Optional<Block> listed = find(IPV6, b);
    if (listed.isPresent()) {
      return listed;
    }
    return GLOBAL_UNICAST.contains(b) ? Optional.empty() : Optional.of(NOT_GLOBAL);
  }

  private static Optional<Block> find(List<Block> blocks, byte[] address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }

  /** One registry entry: a block of addresses, what the registry calls it, and whether it is a private network. */
  static final class Block {
    private final String cidr;
    private final String name;
    private final boolean privateNetwork;
    private final byte[] prefix;
    private final int bits;

    private Block(String cidr, String name, boolean privateNetwork) {
      int slash = cidr.indexOf('/');
      this.cidr = cidr;
      this.name = name;
      this.privateNetwork = privateNetwork;
      this.prefix = literal(cidr.substring(0, slash));
      this.bits = Integer.parseInt(cidr.substring(slash + 1));
    }

    static Block of(String cidr, String name, boolean privateNetwork) {
      return new Block(cidr, name, privateNetwork);
    }

    /** The block, as {@code prefix/bits}. */
    String cidr() {
      return cidr;
    }

    /** What the registry calls it. */
    String name() {
      return name;
    }

    /**
     * Whether it is a loopback or private network an operator may choose to allow
     * ({@code --allow-private-webhooks}): loopback, RFC 1918 and unique-local; never link-local or the
     * shared space, where cloud metadata services answer.
     */
    boolean privateNetwork() {
      return privateNetwork;
    }

    boolean contains(byte[] address) {
      if (prefix.length != address.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((prefix[i / 8] & mask) != (address[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static byte[] literal(String ip) {
      try {
        byte[] b = InetAddress.getByName(ip).getAddress();
        // the JDK turns ::ffff:a.b.c.d into an IPv4 address; the table means the IPv6 prefix itself
        return ip.contains(":") && b.length == 4 ? mapped(b) : b;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an address literal: " + ip, e);
      }
    }

    private static byte[] mapped(byte[] v4) {
      byte[] b = new byte[16];
      b[10] = (byte) 0xff;
      b[11] = (byte) 0xff;
      System.arraycopy(v4, 0, b, 12, 4);
      return b;
    }

    @Override
    public String toString() {
      return cidr + " (" + name + ")";
    }
  }
}

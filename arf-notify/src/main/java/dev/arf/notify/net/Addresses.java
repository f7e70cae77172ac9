package dev.arf.notify.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which IP addresses ARF never sends to, and how IP literals are read. Every check here works on the
 * address bytes, so however an address was written or resolved, the same rule applies.
 */
public final class Addresses {
    private static final Pattern CANONICAL_V4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern V6_TEXT = Pattern.compile("[0-9a-fA-F:]{2,39}");

    /** A forbidden block and what it is, for messages. */
    private record Block(Cidr cidr, String name) {}

    /** Cloud instance-metadata endpoints: never reached unless the allow-list names the exact address. */
    private static final List<Block> METADATA = List.of(
            block("169.254.169.254/32", "cloud metadata (AWS, GCP, Azure, OpenStack …)"),
            block("169.254.169.253/32", "cloud metadata DNS (AWS)"),
            block("169.254.170.2/32", "container credentials endpoint (AWS ECS)"),
            block("169.254.169.123/32", "cloud time service (AWS)"),
            block("100.100.100.200/32", "cloud metadata (Alibaba Cloud)"),
            block("168.63.129.16/32", "cloud host endpoint (Azure WireServer)"),
            block("192.0.0.192/32", "cloud metadata (Oracle Cloud)"),
            block("fd00:ec2::254/128", "cloud metadata (AWS IPv6)"),
            block("fd00:ec2::23/128", "cloud metadata DNS (AWS IPv6)"),
            block("fd20:ce::254/128", "cloud metadata (GCP IPv6)"));

    private static final List<Block> V4 = List.of(
            block("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
            block("10.0.0.0/8", "private network (RFC 1918, 10.0.0.0/8)"),
            block("100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"),
            block("127.0.0.0/8", "loopback (127.0.0.0/8)"),
            block("169.254.0.0/16", "link-local (169.254.0.0/16)"),
            block("172.16.0.0/12", "private network (RFC 1918, 172.16.0.0/12)"),
            block("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"),
            block("192.0.2.0/24", "documentation (192.0.2.0/24)"),
            block("192.88.99.0/24", "6to4 relay anycast (192.88.99.0/24)"),
            block("192.168.0.0/16", "private network (RFC 1918, 192.168.0.0/16)"),
            block("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
            block("198.51.100.0/24", "documentation (198.51.100.0/24)"),
            block("203.0.113.0/24", "documentation (203.0.113.0/24)"),
            block("224.0.0.0/4", "multicast (224.0.0.0/4)"),
            block("240.0.0.0/4", "reserved (240.0.0.0/4, with broadcast 255.255.255.255)"));

    private static final List<Block> V6 = List.of(
            block("::/128", "unspecified address (::)"),
            block("::1/128", "loopback (::1)"),
            block("::ffff:0:0/96", "IPv4-mapped IPv6 (::ffff:0:0/96)"),
            block("::/96", "IPv4-compatible IPv6 (::/96)"),
            block("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
            block("100::/64", "discard-only (100::/64)"),
            block("2001:db8::/32", "documentation (2001:db8::/32)"),
            block("2001:10::/28", "ORCHID (2001:10::/28)"),
            block("2001:20::/28", "ORCHIDv2 (2001:20::/28)"),
            block("fc00::/7", "unique-local (fc00::/7)"),
            block("fe80::/10", "link-local (fe80::/10)"),
            block("fec0::/10", "site-local (fec0::/10)"),
            block("ff00::/8", "multicast (ff00::/8)"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private Addresses() {}

    private static Block block(String cidr, String name) {
        return new Block(Cidr.parse(cidr), name);
    }

    /**
     * Why {@code address} is never a destination, or empty when it is a public unicast address.
     * IPv6 forms that embed an IPv4 address (NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32)
     * are judged by the embedded address too.
     */
    public static Optional<String> forbidden(InetAddress address) {
        return forbidden(address.getAddress());
    }

    static Optional<String> forbidden(byte[] a) {
        Optional<String> metadata = metadata(a);
        if (metadata.isPresent()) {
            return metadata;
        }
        if (a.length == 4) {
            return V4.stream()
                    .filter(b -> b.cidr().contains(a))
                    .map(Block::name)
                    .findFirst();
        }
        Optional<String> v6 =
                V6.stream().filter(b -> b.cidr().contains(a)).map(Block::name).findFirst();
        if (v6.isPresent()) {
            return v6;
        }
        if (NAT64.contains(a)) {
            return embedded(java.util.Arrays.copyOfRange(a, 12, 16), "NAT64 (64:ff9b::/96)");
        }
        if (SIX_TO_FOUR.contains(a)) {
            return embedded(java.util.Arrays.copyOfRange(a, 2, 6), "6to4 (2002::/16)");
        }
        if (TEREDO.contains(a)) {
            byte[] server = java.util.Arrays.copyOfRange(a, 4, 8);
            byte[] client = java.util.Arrays.copyOfRange(a, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return embedded(server, "Teredo server (2001::/32)").or(() -> embedded(client, "Teredo (2001::/32)"));
        }
        return Optional.empty();
    }

    /** Why {@code address} is a cloud-metadata address, or empty. */
    public static Optional<String> metadata(InetAddress address) {
        return metadata(address.getAddress());
    }

    static Optional<String> metadata(byte[] a) {
        return METADATA.stream()
                .filter(b -> b.cidr().contains(a))
                .map(Block::name)
                .findFirst();
    }

    private static Optional<String> embedded(byte[] v4, String form) {
        return forbidden(v4).map(reason -> form + " embedding " + format(v4) + ": " + reason);
    }

    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a canonical IP literal — dotted-decimal IPv4 with four parts and no leading zeros, or
     * IPv6 in hex (no embedded dotted quad, no zone) — without any DNS lookup; empty for anything else.
     * An IPv4-mapped IPv6 literal comes back as the 16 bytes written, never silently as IPv4.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (CANONICAL_V4.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text));
            }
            if (V6_TEXT.matcher(text).matches() && text.contains(":")) {
                byte[] bytes = parseV6(text);
                return bytes == null ? Optional.empty() : Optional.of(Inet6Address.getByAddress(null, bytes, null));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Hex IPv6 text to 16 bytes, or null; strict: 8 groups of 1–4 hex digits, at most one '::'. */
    private static byte[] parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head;
        String[] tail;
        if (gap >= 0) {
            String h = text.substring(0, gap);
            String t = text.substring(gap + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = t.isEmpty() ? new String[0] : t.split(":", -1);
            if (head.length + tail.length > 7) {
                return null;
            }
        } else {
            head = text.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                return null;
            }
        }
        byte[] out = new byte[16];
        if (!fill(head, out, 0)) {
            return null;
        }
        return fill(tail, out, 16 - 2 * tail.length) ? out : null;
    }

    private static boolean fill(String[] groups, byte[] out, int offset) {
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            int v = Integer.parseInt(g, 16);
            out[offset + 2 * i] = (byte) (v >> 8);
            out[offset + 2 * i + 1] = (byte) v;
        }
        return true;
    }

    /** True for an {@link Inet4Address}, or an IPv6 address whose bytes are IPv4-mapped. */
    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}

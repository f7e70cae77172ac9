package dev.arf.notify.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IPv4 or IPv6 address block, e.g. {@code 10.0.0.0/8}, {@code fc00::/7}. Immutable. */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException(
                    "prefix /" + prefix + " does not fit a " + network.length * 8 + "-bit address");
        }
        network = network.clone();
    }

    /**
     * Parses {@code a.b.c.d/n}, {@code v6::/n} or a single address (a /32 or /128). Only canonical
     * address forms: dotted-decimal IPv4 or IPv6 hex.
     *
     * @throws IllegalArgumentException when it is not such a block
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = Addresses.literal(address)
                .map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int prefix;
        if (slash < 0) {
            prefix = bytes.length * 8;
        } else {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(bytes, prefix);
    }

    /** True when {@code address} (same family) lies in this block. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** True when this block is one address. */
    public boolean isSingleAddress() {
        return prefix == network.length * 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

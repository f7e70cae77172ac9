package dev.arf.notify.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an operator lets ARF reach although the SSRF guard would refuse it: address blocks ({@code
 * 10.20.0.0/16}, {@code 127.0.0.1}, {@code fd12::/48}) and host names ({@code hooks.corp.example}, or
 * {@code *.corp.example} for every name under it). Empty by default: nothing private is reachable.
 *
 * <p>A block never opens a cloud-metadata address (169.254.169.254 …) unless the entry is exactly that
 * one address: {@code 169.254.0.0/16} does not expose instance credentials by accident. A host name
 * entry trusts whatever that name resolves to — the operator vouches for its DNS.
 */
public final class AllowList {
    private static final AllowList NONE = new AllowList(List.of(), List.of(), List.of());

    private final List<Cidr> blocks;
    private final List<String> hosts;
    private final List<String> suffixes;

    private AllowList(List<Cidr> blocks, List<String> hosts, List<String> suffixes) {
        this.blocks = List.copyOf(blocks);
        this.hosts = List.copyOf(hosts);
        this.suffixes = List.copyOf(suffixes);
    }

    public static AllowList none() {
        return NONE;
    }

    /**
     * @param entries CIDR blocks, single addresses, host names or {@code *.}suffixes
     * @throws IllegalArgumentException naming the first entry that is none of those
     */
    public static AllowList of(List<String> entries) {
        Objects.requireNonNull(entries, "entries");
        List<Cidr> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : entries) {
            String e = Objects.requireNonNull(raw, "allow-list entry").strip().toLowerCase(Locale.ROOT);
            if (e.contains("/") || Addresses.literal(e).isPresent()) {
                try {
                    blocks.add(Cidr.parse(e));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(
                            "'" + raw + "' is not a valid CIDR block: " + bad.getMessage(), bad);
                }
            } else if (e.startsWith("*.") && UrlGuard.isHostName(e.substring(2))) {
                suffixes.add(e.substring(1));
            } else if (UrlGuard.isHostName(e) && !UrlGuard.looksNumeric(e)) {
                hosts.add(e);
            } else {
                throw new IllegalArgumentException(
                        "'" + raw + "' is neither an IP address, a CIDR block nor a host name");
            }
        }
        return new AllowList(blocks, hosts, suffixes);
    }

    /** True when {@code host} (lower case, no trailing dot) is named. */
    public boolean allowsHost(String host) {
        return hosts.contains(host) || suffixes.stream().anyMatch(host::endsWith);
    }

    /** True when {@code address} lies in a block (a metadata address only by its exact entry). */
    public boolean allowsAddress(InetAddress address) {
        boolean metadata = Addresses.metadata(address).isPresent();
        return blocks.stream().anyMatch(b -> b.contains(address) && (!metadata || b.isSingleAddress()));
    }

    public boolean isEmpty() {
        return blocks.isEmpty() && hosts.isEmpty() && suffixes.isEmpty();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        blocks.forEach(b -> all.add(b.toString()));
        all.addAll(hosts);
        suffixes.forEach(s -> all.add("*" + s));
        return "AllowList" + all;
    }
}

package dev.arf.notify.net;

import dev.arf.notify.net.UrlVerdict.Allowed;
import dev.arf.notify.net.UrlVerdict.Reason;
import dev.arf.notify.net.UrlVerdict.Refused;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The SSRF guard: decides whether ARF may send to a URL, at registration and again before every send
 * (and, through {@link GuardedSockets}, on the very address a socket connects to).
 *
 * <p>Refused, unless the {@link AllowList} names them: schemes other than http and https; URLs with
 * user info; hosts written as odd IP encodings (decimal {@code 2130706433}, octal {@code 0177.0.0.1},
 * hex {@code 0x7f.1}, short {@code 127.1}, IPv6 with an embedded dotted quad or a zone) — these
 * are refused even when allow-listed; local host names ({@code localhost}, {@code *.local},
 * {@code *.internal}, {@code metadata.google.internal} …); and every address of {@link
 * Addresses#forbidden}: loopback, private, link-local, CGNAT, unique-local, multicast, broadcast,
 * unspecified, IPv4-mapped/-compatible, NAT64/6to4/Teredo embedding a forbidden IPv4, and cloud
 * metadata addresses. A name is resolved and <em>every</em> address must pass. The URL is also parsed
 * by OkHttp, which sends it; if the two parsers disagree on scheme, host or port it is refused.
 *
 * <p>Thread-safe and side-effect free, apart from the resolver's DNS lookups.
 */
public final class UrlGuard {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_PART = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final List<String> LOCAL_NAMES = List.of(
            "localhost",
            "localhost.localdomain",
            "ip6-localhost",
            "ip6-loopback",
            "metadata",
            "metadata.google.internal",
            "instance-data",
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc");
    private static final List<String> LOCAL_SUFFIXES = List.of(
            ".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".arpa", ".svc", ".cluster.local");

    private final AllowList allowList;
    private final HostResolver resolver;

    public UrlGuard(AllowList allowList, HostResolver resolver) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The guard with no allow-list and the system's DNS. */
    public static UrlGuard strict() {
        return new UrlGuard(AllowList.none(), HostResolver.SYSTEM);
    }

    public AllowList allowList() {
        return allowList;
    }

    public HostResolver resolver() {
        return resolver;
    }

    /** Checks a URL and every address its host resolves to. Never throws for any input. */
    public UrlVerdict check(String url) {
        if (url == null) {
            return new Refused(Reason.MALFORMED, "no URL");
        }
        if (url.length() > 2048) {
            return new Refused(Reason.MALFORMED, "URL longer than 2048 characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch <= 0x20 || ch >= 0x7f || ch == '\\') {
                return new Refused(
                        Reason.MALFORMED,
                        "the URL holds a space, control, non-ASCII or backslash character"
                                + " (write international names in punycode)");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refused(Reason.MALFORMED, "not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null) {
            return new Refused(Reason.MALFORMED, "not an absolute URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Refused(Reason.SCHEME_NOT_ALLOWED, "scheme '" + abbreviate(scheme) + "' is not http or https");
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return new Refused(
                    Reason.USERINFO_NOT_ALLOWED, "user info in the URL is refused; send credentials in headers");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            // java.net.URI reads no host from "127.1" or "0x7f.1" (a top label must start with a letter)
            String authority =
                    uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
            String hostPart = authority.replaceFirst(":[0-9]*$", "");
            if (hostPart.endsWith(".")) {
                hostPart = hostPart.substring(0, hostPart.length() - 1);
            }
            if (!hostPart.isEmpty() && isHostName(hostPart) && looksNumeric(hostPart)) {
                return new Refused(
                        Reason.ODD_IP_ENCODING,
                        "'" + abbreviate(hostPart) + "' is an unusual way to write an IP"
                                + " address (decimal, octal, hex or shortened); write it as four decimal numbers");
            }
            return new Refused(Reason.MALFORMED, "no valid host in the URL");
        }
        if (uri.getPort() > 65535) {
            return new Refused(Reason.MALFORMED, "port out of range");
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return new Refused(Reason.PARSER_DISAGREEMENT, "the HTTP client cannot read this URL");
        }
        String host;
        Optional<InetAddress> literal;
        if (rawHost.startsWith("[")) {
            String inner = rawHost.substring(1, rawHost.length() - 1).toLowerCase(Locale.ROOT);
            if (inner.contains(".") || inner.contains("%")) {
                return new Refused(Reason.ODD_IP_ENCODING, "IPv6 literal with an embedded IPv4 address or a zone");
            }
            literal = Addresses.literal(inner);
            if (literal.isEmpty()) {
                return new Refused(Reason.MALFORMED, "not a valid IPv6 literal");
            }
            host = literal.get().getHostAddress();
            if (!sameAddress(parsed.host(), literal.get())) {
                return new Refused(Reason.PARSER_DISAGREEMENT, "parsers disagree about the host");
            }
        } else {
            host = rawHost.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!isHostName(host)) {
                return new Refused(Reason.MALFORMED, "'" + abbreviate(host) + "' is not a valid host name");
            }
            literal = Addresses.literal(host);
            if (literal.isEmpty() && looksNumeric(host)) {
                return new Refused(
                        Reason.ODD_IP_ENCODING,
                        "'" + abbreviate(host) + "' is an unusual way to write an IP"
                                + " address (decimal, octal, hex or shortened); write it as four decimal numbers");
            }
            String okHost = parsed.host().endsWith(".")
                    ? parsed.host().substring(0, parsed.host().length() - 1)
                    : parsed.host();
            if (!okHost.equals(host)) {
                return new Refused(Reason.PARSER_DISAGREEMENT, "parsers disagree about the host");
            }
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        if (!parsed.scheme().equals(scheme) || parsed.port() != port) {
            return new Refused(Reason.PARSER_DISAGREEMENT, "parsers disagree about the scheme or port");
        }
        URI normalized = uri;
        if (literal.isPresent()) {
            Optional<Refused> refused = checkAddress(host, literal.get());
            if (refused.isPresent()) {
                return refused.get();
            }
            return new Allowed(normalized, host, List.of(literal.get()));
        }
        if (!allowList.allowsHost(host) && isLocalName(host)) {
            return new Refused(Reason.FORBIDDEN_HOST_NAME, "'" + abbreviate(host) + "' names a local or internal host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | RuntimeException e) {
            return new Refused(Reason.UNRESOLVABLE, "'" + abbreviate(host) + "' does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            return new Refused(Reason.UNRESOLVABLE, "'" + abbreviate(host) + "' does not resolve");
        }
        for (InetAddress a : addresses) {
            Optional<Refused> refused = checkAddress(host, a);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return new Allowed(normalized, host, addresses);
    }

    /**
     * Checks a host for a non-HTTP connection (an SMTP server): the same rules as {@link #check} for
     * {@code http://host/}, every resolved address included.
     */
    public Optional<Refused> checkHost(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of(new Refused(Reason.MALFORMED, "no host"));
        }
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        UrlVerdict v = check("http://" + authority + "/");
        return v instanceof Refused r ? Optional.of(r) : Optional.empty();
    }

    /**
     * Whether a connection to {@code address}, reached through {@code host} (a name, or the address
     * itself), is allowed: the check every socket makes before it connects.
     */
    public Optional<Refused> checkAddress(String host, InetAddress address) {
        if (address instanceof java.net.Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            return Optional.of(new Refused(Reason.ODD_IP_ENCODING, "IPv6 address with a zone"));
        }
        if (host != null && allowList.allowsHost(host)) {
            return Optional.empty();
        }
        Optional<String> metadata = Addresses.metadata(address);
        if (metadata.isPresent()) {
            return allowList.allowsAddress(address)
                    ? Optional.empty()
                    : Optional.of(new Refused(
                            Reason.METADATA_ADDRESS, describe(host, address) + " is a " + metadata.get() + " address"));
        }
        Optional<String> forbidden = Addresses.forbidden(address);
        if (forbidden.isPresent() && !allowList.allowsAddress(address)) {
            return Optional.of(new Refused(
                    Reason.FORBIDDEN_ADDRESS,
                    describe(host, address) + " is " + forbidden.get()
                            + "; name it in the SSRF allow-list to reach it"));
        }
        return Optional.empty();
    }

    private static String describe(String host, InetAddress address) {
        String ip = address.getHostAddress();
        return host == null || host.equals(ip) ? ip : "'" + abbreviate(host) + "' (" + ip + ")";
    }

    private static boolean sameAddress(String okHost, InetAddress address) {
        // OkHttp writes an IPv4-mapped IPv6 literal as IPv4; compare as the JDK normalizes both
        Optional<InetAddress> theirs = Addresses.literal(okHost);
        if (theirs.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByAddress(theirs.get().getAddress())
                    .equals(InetAddress.getByAddress(address.getAddress()));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLocalName(String host) {
        return LOCAL_NAMES.contains(host) || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith) || !host.contains(".");
    }

    /** Lower-case LDH labels separated by dots, at most 253 characters. */
    static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a URL parser could read {@code host} as an IPv4 address (WHATWG: the last label is a
     * decimal, octal or hex number), so it must be written canonically or not at all.
     */
    static boolean looksNumeric(String host) {
        String[] labels = host.split("\\.", -1);
        return NUMERIC_PART.matcher(labels[labels.length - 1]).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}

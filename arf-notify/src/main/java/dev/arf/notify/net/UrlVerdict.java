package dev.arf.notify.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** What the SSRF guard said about a URL: allowed (with the checked addresses), or refused with a reason. */
public sealed interface UrlVerdict {
    /** Why a URL is refused; {@link #code()} is the reason code in messages. */
    enum Reason {
        MALFORMED,
        SCHEME_NOT_ALLOWED,
        USERINFO_NOT_ALLOWED,
        ODD_IP_ENCODING,
        FORBIDDEN_HOST_NAME,
        FORBIDDEN_ADDRESS,
        METADATA_ADDRESS,
        UNRESOLVABLE,
        PARSER_DISAGREEMENT;

        public String code() {
            return "SSRF_" + name();
        }
    }

    boolean allowed();

    /** @param addresses every address the host resolved to, each checked; the literal for an IP host */
    record Allowed(URI uri, String host, List<InetAddress> addresses) implements UrlVerdict {
        public Allowed {
            Objects.requireNonNull(uri, "uri");
            addresses = List.copyOf(addresses);
        }

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** @param detail for people; never holds the URL's path or query (which may carry credentials) */
    record Refused(Reason reason, String detail) implements UrlVerdict {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public String toString() {
            return reason.code() + ": " + detail;
        }
    }
}

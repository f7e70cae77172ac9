package dev.arf.notify;

import dev.arf.core.detect.Severity;
import java.net.URI;
import java.util.Locale;

/** Small helpers the integrations share. */
final class Channels {
    private Channels() {}

    /** {@code host:port} of a URL, for the circuit and messages; never the path (it may be a credential). */
    static String hostPort(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }

    static String stateName(Notification n) {
        return n.incidentState() == null ? null : n.incidentState().name().toLowerCase(Locale.ROOT);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String icon(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "🔴";
            case HIGH -> "🟠";
            case MEDIUM -> "🟡";
            case LOW -> "🔵";
        };
    }
}

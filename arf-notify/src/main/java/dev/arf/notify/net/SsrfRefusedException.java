package dev.arf.notify.net;

import java.net.UnknownHostException;

/**
 * The SSRF guard refused a lookup or a connection. An {@link UnknownHostException} because that is
 * what a DNS lookup may throw; sockets throw it too, before any byte leaves.
 */
public final class SsrfRefusedException extends UnknownHostException {
    private final transient UrlVerdict.Refused refusal;

    public SsrfRefusedException(UrlVerdict.Refused refusal) {
        super(refusal.toString());
        this.refusal = refusal;
    }

    public UrlVerdict.Refused refusal() {
        return refusal;
    }
}

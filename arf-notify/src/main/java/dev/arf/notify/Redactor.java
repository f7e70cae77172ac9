package dev.arf.notify;

import dev.arf.core.notify.Secret;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves ARF's hands (log lines, stored errors, dead letters, exceptions):
 * every known secret value, anything shaped like a webhook secret or a Slack webhook path, and CR/LF
 * (so a receiver's answer cannot forge log lines). Shortens only after masking, so no secret is cut in
 * two and half-shown.
 */
final class Redactor {
    private static final Pattern WHSEC = Pattern.compile("whsec_[A-Za-z0-9+/=]+");
    private static final Pattern SLACK_PATH = Pattern.compile("(hooks\\.slack\\.com/services/)[^\\s\"']+");
    private static final int MAX = 500;

    private Redactor() {}

    static String redact(String text, Collection<Secret> secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (Secret s : secrets) {
            out = s.maskIn(out);
        }
        out = WHSEC.matcher(out).replaceAll(Secret.MASK);
        out = SLACK_PATH.matcher(out).replaceAll("$1" + Secret.MASK);
        out = out.replace("\r", "\\r").replace("\n", "\\n");
        return out.length() <= MAX ? out : out.substring(0, MAX - 3) + "...";
    }
}

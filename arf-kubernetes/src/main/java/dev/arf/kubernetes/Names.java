package dev.arf.kubernetes;

import java.util.regex.Pattern;

/** Kubernetes' name and label syntax (apimachinery's validation), so nothing malformed reaches the API. */
final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private Names() {}

    /** A DNS-1123 label: namespaces. */
    static boolean isLabel(String s) {
        return s.length() <= 63 && LABEL.matcher(s).matches();
    }

    /** A DNS-1123 subdomain: Deployment and StatefulSet names. */
    static boolean isSubdomain(String s) {
        return s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }

    /** A label key: an optional DNS subdomain prefix and a slash, then a name of at most 63 characters. */
    static boolean isLabelKey(String s) {
        int slash = s.indexOf('/');
        String name = s;
        if (slash >= 0) {
            String prefix = s.substring(0, slash);
            name = s.substring(slash + 1);
            if (!isSubdomain(prefix)) {
                return false;
            }
        }
        return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
    }

    /** A label value: empty, or at most 63 characters of the label-name alphabet. */
    static boolean isLabelValue(String s) {
        return s.isEmpty() || (s.length() <= 63 && LABEL_NAME.matcher(s).matches());
    }
}

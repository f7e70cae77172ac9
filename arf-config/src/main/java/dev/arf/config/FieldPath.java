package dev.arf.config;

import com.networknt.schema.path.NodePath;

/**
 * Renders document paths the way people read them: {@code policies[1].conditions[0].operator}, with
 * 0-based indexes; the whole document is {@code document}.
 */
final class FieldPath {
    static final String DOCUMENT = "document";

    private FieldPath() {}

    static String of(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                appendName(sb, String.valueOf(element));
            }
        }
        return sb.isEmpty() ? DOCUMENT : sb.toString();
    }

    /** From a JSON pointer such as {@code /policies/0/name}; numeric segments read as indexes. */
    static String ofPointer(String pointer) {
        StringBuilder sb = new StringBuilder();
        if (!pointer.isEmpty()) {
            for (String raw : pointer.substring(1).split("/", -1)) {
                String segment = raw.replace("~1", "/").replace("~0", "~");
                if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
                    sb.append('[').append(segment).append(']');
                } else {
                    appendName(sb, segment);
                }
            }
        }
        return sb.isEmpty() ? DOCUMENT : sb.toString();
    }

    static String child(String parent, String name) {
        StringBuilder sb = new StringBuilder(DOCUMENT.equals(parent) ? "" : parent);
        appendName(sb, name);
        return sb.toString();
    }

    static String index(String parent, int index) {
        return (DOCUMENT.equals(parent) ? "" : parent) + "[" + index + "]";
    }

    private static void appendName(StringBuilder sb, String name) {
        if (!sb.isEmpty()) {
            sb.append('.');
        }
        // an empty key would vanish from the path; show it as ""
        sb.append(name.isEmpty() ? "\"\"" : abbreviate(name));
    }

    /** Keys come from untrusted files: keep messages one short line. */
    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
    }
}

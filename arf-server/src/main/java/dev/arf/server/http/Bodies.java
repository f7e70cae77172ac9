package dev.arf.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies within the size limit (413 past it, whether or not the client declared a
 * length) and binds JSON strictly, turning every binding failure into a 400 problem that names the
 * field and the {@code line:column}.
 */
public final class Bodies {
    private final JsonMapper json;
    private final long limit;

    public Bodies(JsonMapper json, long limit) {
        this.json = json;
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The body's bytes. */
    public byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw ApiProblem.tooLarge(limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
            byte[] chunk = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > limit) {
                    throw ApiProblem.tooLarge(limit);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiProblem.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** The body as UTF-8 text; 400 for bytes that are not UTF-8. */
    public String text(Context ctx) {
        return utf8(bytes(ctx));
    }

    /** The body bound to {@code type}; 415 unless the content type is JSON. */
    public <T> T json(Context ctx, Class<T> type) {
        requireJson(ctx);
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            throw ApiProblem.badRequest("the request needs a JSON body");
        }
        return bind(body, type, "");
    }

    /** Binds one JSON document; {@code where} prefixes the field paths of errors (e.g. {@code line 3: }). */
    public <T> T bind(byte[] body, Class<T> type, String where) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest(
                    "the JSON body does not match what this endpoint takes", List.of(where + describe(e, body)));
        }
    }

    /** Optional-body variant: an empty body binds to {@code empty}. */
    public <T> T jsonOr(Context ctx, Class<T> type, T empty) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0) {
            return empty;
        }
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            return empty;
        }
        requireJson(ctx);
        return bind(body, type, "");
    }

    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !isJson(type)) {
            throw ApiProblem.unsupportedMediaType(
                    "send the body as application/json (got " + (type == null ? "no content type" : type) + ")");
        }
    }

    static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        String base = (semicolon < 0 ? t : t.substring(0, semicolon)).trim();
        return base.equals("application/json") || base.endsWith("+json");
    }

    /** One sentence for a binding failure: where, which field, what is wrong. */
    public static String describe(JacksonException e) {
        return describe(e, null);
    }

    /**
     * As {@link #describe(JacksonException)}; when Jackson has no position (records are bound from
     * buffered tokens), the {@code line:column} of the field's key in {@code body} when it is
     * unambiguous (the path crosses no array).
     */
    static String describe(JacksonException e, byte[] body) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        TokenStreamLocation at = e.getLocation();
        String position = at == null || at.getLineNr() < 1 ? "" : at.getLineNr() + ":" + at.getColumnNr() + ": ";
        List<JacksonException.Reference> path = e.getPath();
        if (position.isEmpty()
                && body != null
                && !path.isEmpty()
                && path.stream().allMatch(r -> r.getPropertyName() != null)) {
            position = keyPosition(body, path.get(path.size() - 1).getPropertyName());
        }
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(null);
            what = "unknown field '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known));
        } else {
            String original = e.getOriginalMessage();
            // Jackson's messages name Java types; keep the first sentence, which says what was wrong.
            int cut = original == null ? -1 : original.indexOf('\n');
            what = original == null ? e.getClass().getSimpleName() : cut < 0 ? original : original.substring(0, cut);
            what = what.replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+`", "a value");
        }
        return position + (field.isEmpty() ? "" : field + ": ") + what;
    }

    /** {@code line:column: } of the first {@code "name":} in the text, or empty. */
    static String keyPosition(byte[] body, String name) {
        String text = new String(body, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:")
                .matcher(text);
        if (!m.find()) {
            return "";
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (m.start() - lineStart + 1) + ": ";
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("the body is not UTF-8 text");
        }
    }
}

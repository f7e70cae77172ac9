package dev.arf.server.api;

import dev.arf.server.http.ApiProblem;
import io.javalin.http.Context;

/** Query parameters, checked: a bad one is a 400 naming it. */
final class Params {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private Params() {}

    static int limit(Context ctx) {
        return (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static long number(Context ctx, String name, long fallback, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw ApiProblem.badRequest(name + ": must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + ": must be a whole number, got '" + clip(text) + "'");
        }
    }

    static boolean flag(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiProblem.badRequest(name + ": must be true or false, got '" + clip(text) + "'");
        };
    }

    static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}

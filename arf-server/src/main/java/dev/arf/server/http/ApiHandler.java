package dev.arf.server.http;

import io.javalin.http.Context;

/** Handles one request of an authorised caller. Throws {@link ApiProblem} to answer with a problem. */
@FunctionalInterface
public interface ApiHandler {
    void handle(Context ctx, Caller caller) throws Exception;
}

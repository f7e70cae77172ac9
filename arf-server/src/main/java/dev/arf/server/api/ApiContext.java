package dev.arf.server.api;

import dev.arf.core.access.ApiTokens;
import dev.arf.server.http.Bodies;
import dev.arf.server.runtime.EngineRuntime;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/** What the endpoints work with: the runtime (engine, store, governance), tokens, body reading, JSON. */
public record ApiContext(EngineRuntime runtime, ApiTokens tokens, Bodies bodies, JsonMapper json, String version) {
    public ApiContext {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(bodies, "bodies");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(version, "version");
    }
}

package dev.arf.server.api;

import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.OpenApiDocument;
import dev.arf.server.http.Route;
import dev.arf.server.http.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * The route table of {@code arf serve}: every endpoint with its role, in one place. The OpenAPI
 * document ({@code /openapi.json}) is generated from this same table.
 */
public final class Api {
    private Api() {}

    public static RouteTable routes(ApiContext api) {
        return routes(api, List.of());
    }

    /** The table with {@code more} routes wired outside this package (metrics, Alertmanager, the event stream). */
    public static RouteTable routes(ApiContext api, List<Route> more) {
        RouteTable table = new RouteTable();
        table.addAll(new StatusEndpoints(api).routes());
        table.addAll(new TelemetryEndpoints(api).routes());
        table.addAll(new IncidentEndpoints(api).routes());
        table.addAll(new ApprovalEndpoints(api).routes());
        table.addAll(new BlueprintEndpoints(api).routes());
        table.addAll(new GovernanceEndpoints(api).routes());
        table.addAll(new AuditEndpoints(api).routes());
        table.addAll(new TokenEndpoints(api).routes());
        table.addAll(new ChaosEndpoints(api).routes());
        api.runtime().demo().ifPresent(fleet -> table.addAll(new DemoEndpoints(api, fleet).routes()));
        table.addAll(more);
        Map<String, Object> document = OpenApiDocument.of(withDocument(table), api.version());
        String json = api.json().writeValueAsString(document);
        table.add(Route.get(
                "/openapi.json",
                null,
                "service",
                "This API's OpenAPI 3.1 document",
                (ctx, caller) -> ctx.contentType("application/json").result(json)));
        return table;
    }

    /** The table as documented: with the document's own route, which cannot exist before it. */
    private static RouteTable withDocument(RouteTable table) {
        RouteTable documented = new RouteTable().addAll(table.routes());
        documented.add(Route.get("/openapi.json", null, "service", "This API's OpenAPI 3.1 document", (ctx, caller) -> {
            throw ApiProblem.notFound("placeholder");
        }));
        return documented;
    }
}

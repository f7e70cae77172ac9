package dev.arf.server.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every endpoint of the server in one list: what the server installs, what it authorises against and
 * what the OpenAPI document describes. Adding an endpoint anywhere else is not possible.
 */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    public RouteTable add(Route route) {
        if (!keys.add(route.method() + " " + route.path())) {
            throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
        }
        routes.add(route);
        return this;
    }

    public RouteTable addAll(List<Route> more) {
        more.forEach(this::add);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}

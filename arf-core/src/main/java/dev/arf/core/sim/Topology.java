package dev.arf.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call graph of a fleet: validated once (names unique, dependencies known, no cycles) and then
 * read-only. Orders are deterministic: they follow the spec list wherever the graph allows.
 */
final class Topology {
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final Map<String, List<String>> callers = new LinkedHashMap<>();
    private final List<String> dependenciesFirst;
    private final List<String> callersFirst;

    Topology(List<ServiceSpec> list) {
        List<String> problems = new ArrayList<>();
        if (list.isEmpty()) {
            problems.add("a fleet needs at least one service");
        }
        for (ServiceSpec spec : list) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                problems.add(spec.name() + ": defined twice");
            }
        }
        for (ServiceSpec spec : specs.values()) {
            callers.put(spec.name(), new ArrayList<>());
        }
        for (ServiceSpec spec : specs.values()) {
            for (String dep : spec.dependencies()) {
                if (!specs.containsKey(dep)) {
                    problems.add(spec.name() + ": depends on unknown service '" + dep + "'");
                } else {
                    callers.get(dep).add(spec.name());
                }
            }
        }
        List<String> order = new ArrayList<>();
        if (problems.isEmpty()) {
            Map<String, Integer> mark = new LinkedHashMap<>();
            for (String name : specs.keySet()) {
                visit(name, mark, order, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid fleet: " + String.join("; ", problems));
        }
        callers.replaceAll((k, v) -> List.copyOf(v));
        this.dependenciesFirst = List.copyOf(order);
        List<String> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        this.callersFirst = List.copyOf(reversed);
    }

    private void visit(String name, Map<String, Integer> mark, List<String> order, List<String> problems) {
        Integer state = mark.get(name);
        if (state != null) {
            if (state == 1 && problems.isEmpty()) {
                problems.add(name + ": dependency cycle");
            }
            return;
        }
        mark.put(name, 1);
        for (String dep : specs.get(name).dependencies()) {
            visit(dep, mark, order, problems);
        }
        mark.put(name, 2);
        order.add(name);
    }

    boolean knows(String service) {
        return specs.containsKey(service);
    }

    ServiceSpec spec(String service) {
        return specs.get(service);
    }

    /** In the order the specs were given. */
    List<String> names() {
        return List.copyOf(specs.keySet());
    }

    List<String> callersOf(String service) {
        return callers.get(service);
    }

    List<String> dependenciesOf(String service) {
        return specs.get(service).dependencies();
    }

    /** Every service after all of its dependencies: the order in which results flow back up. */
    List<String> dependenciesFirst() {
        return dependenciesFirst;
    }

    /** Every service after all of its callers: the order in which load flows down. */
    List<String> callersFirst() {
        return callersFirst;
    }
}

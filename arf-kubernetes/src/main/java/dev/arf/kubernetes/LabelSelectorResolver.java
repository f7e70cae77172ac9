package dev.arf.kubernetes;

import dev.arf.core.governance.TargetResolver;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the Guardian what a target would touch in the cluster, so it can refuse an empty or too wide
 * one.
 *
 * <ul>
 *   <li>A label selector, written {@code namespace/app=web,tier!=batch}: the names of the Deployments
 *       in that namespace it matches, sorted. Equality terms only ({@code =}, {@code ==}, {@code !=}),
 *       comma-separated, all of which must hold. Without a {@code namespace/} prefix the mapping's
 *       default namespace is used ({@code app.kubernetes.io/name=web}: a prefix that is not a valid
 *       namespace is part of the label key; write {@code prod/app.kubernetes.io/name=web} to be
 *       unambiguous).
 *   <li>A service name (no {@code =} in it): itself, if the mapping covers it and its workload exists.
 * </ul>
 *
 * <p>Anything else resolves to nothing, never to everything: an empty or unparsable selector, a
 * set-based one ({@code in}, {@code notin}, existence), a missing workload. An API failure (403, an
 * unreachable server) throws, and the Guardian refuses with the reason.
 */
public final class LabelSelectorResolver implements TargetResolver {
    private final KubernetesClient client;
    private final TargetMapping mapping;

    public LabelSelectorResolver(KubernetesClient client, TargetMapping mapping) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * @throws KubernetesApiException when the API cannot answer
     */
    @Override
    public List<String> resolve(String target) {
        if (target == null || target.isBlank()) {
            return List.of();
        }
        if (!target.contains("=")) {
            return service(target);
        }
        Optional<Selector> selector = Selector.parse(target, mapping.defaultNamespace());
        if (selector.isEmpty()) {
            return List.of();
        }
        Selector s = selector.get();
        try {
            var query = client.apps().deployments().inNamespace(s.namespace()).withLabels(s.equal());
            for (Map.Entry<String, String> e : s.notEqual().entrySet()) {
                query = query.withoutLabel(e.getKey(), e.getValue());
            }
            return query.list().getItems().stream()
                    .map(Deployment::getMetadata)
                    .map(m -> m.getName())
                    .sorted()
                    .toList();
        } catch (KubernetesClientException e) {
            throw ApiErrors.wrap("listing Deployments in " + s.namespace() + " matching " + s.text(), e);
        }
    }

    private List<String> service(String name) {
        Optional<KubernetesTarget> mapped = mapping.find(name);
        if (mapped.isEmpty()) {
            return List.of();
        }
        KubernetesTarget t = mapped.get();
        try {
            var apps = client.apps();
            Object found = switch (t.kind()) {
                case DEPLOYMENT ->
                    apps.deployments()
                            .inNamespace(t.namespace())
                            .withName(t.name())
                            .get();
                case STATEFUL_SET ->
                    apps.statefulSets()
                            .inNamespace(t.namespace())
                            .withName(t.name())
                            .get();
            };
            return found == null ? List.of() : List.of(name);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw ApiErrors.wrap("looking up " + t, e);
        }
    }

    /** A parsed equality-based selector; {@code !=} terms in {@code notEqual}, the rest in {@code equal}. */
    record Selector(String namespace, Map<String, String> equal, Map<String, String> notEqual, String text) {

        static Optional<Selector> parse(String target, Optional<String> defaultNamespace) {
            String namespace;
            String text;
            int slash = target.indexOf('/');
            String head = slash < 0 ? "" : target.substring(0, slash);
            if (slash >= 0 && Names.isLabel(head)) {
                namespace = head;
                text = target.substring(slash + 1);
            } else if (defaultNamespace.isPresent()) {
                namespace = defaultNamespace.get();
                text = target;
            } else {
                return Optional.empty();
            }
            if (text.isBlank()) {
                return Optional.empty();
            }
            Map<String, String> equal = new LinkedHashMap<>();
            Map<String, String> notEqual = new LinkedHashMap<>();
            List<String> seen = new ArrayList<>();
            for (String raw : text.split(",", -1)) {
                String term = raw.strip();
                String key;
                String value;
                boolean negated;
                int ne = term.indexOf("!=");
                int eq = term.indexOf('=');
                if (ne >= 0) {
                    key = term.substring(0, ne).strip();
                    value = term.substring(ne + 2).strip();
                    negated = true;
                } else if (eq >= 0) {
                    key = term.substring(0, eq).strip();
                    value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1)
                            .strip();
                    negated = false;
                } else {
                    return Optional.empty(); // empty term, existence or set-based term
                }
                if (!Names.isLabelKey(key) || !Names.isLabelValue(value)) {
                    return Optional.empty();
                }
                if (negated) {
                    if (notEqual.containsKey(key)) {
                        return Optional.empty();
                    }
                    notEqual.put(key, value);
                } else {
                    String before = equal.putIfAbsent(key, value);
                    if (before != null && !before.equals(value)) {
                        return Optional.empty(); // app=a,app=b matches nothing; say so rather than guess
                    }
                }
                seen.add(term);
            }
            return Optional.of(new Selector(namespace, equal, notEqual, String.join(",", seen)));
        }
    }
}

package dev.arf.core.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds on one resource, each optional, in base units (cores or bytes). Ordered when present:
 * {@code min <= target <= max} and {@code request <= limit}.
 */
public record Bounds<T extends Comparable<T>>(
        Optional<T> min, Optional<T> target, Optional<T> max, Optional<T> request, Optional<T> limit) {
    public Bounds {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(limit, "limit");
        List<Optional<T>> chain = new ArrayList<>(List.of(min, target, max));
        chain.removeIf(Optional::isEmpty);
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i - 1).orElseThrow().compareTo(chain.get(i).orElseThrow()) > 0) {
                throw new IllegalArgumentException("need min <= target <= max");
            }
        }
        if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
            throw new IllegalArgumentException("need request <= limit");
        }
    }

    public static <T extends Comparable<T>> Bounds<T> none() {
        Optional<T> empty = Optional.empty();
        return new Bounds<>(empty, empty, empty, empty, empty);
    }
}

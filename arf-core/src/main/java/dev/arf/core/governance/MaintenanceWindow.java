package dev.arf.core.governance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A period in which automation pauses for a service (or, with scope {@value #EVERY_SERVICE}, the
 * whole fleet): people are working on it and ARF must not act behind their backs. Either one-off
 * ({@code from}–{@code until}) or weekly (on {@code days}, from {@code start} local time in {@code
 * zone} for {@code length}; a window may run past midnight).
 */
public sealed interface MaintenanceWindow {
    String EVERY_SERVICE = "*";

    String id();

    /** A service name, or {@value #EVERY_SERVICE}. */
    String scope();

    String reason();

    /** True if automation on {@code service} is paused at {@code at}. */
    boolean covers(String service, Instant at);

    /** Human-readable when, e.g. {@code weekly SUNDAY 02:00 Europe/Berlin for PT2H}. */
    String when();

    record OneOff(String id, String scope, String reason, Instant from, Instant until) implements MaintenanceWindow {
        public OneOff {
            check(id, scope, reason);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException(
                        "maintenance window " + id + " ends (" + until + ") before it starts (" + from + ")");
            }
        }

        @Override
        public boolean covers(String service, Instant at) {
            return inScope(scope, service) && !at.isBefore(from) && at.isBefore(until);
        }

        @Override
        public String when() {
            return from + " until " + until;
        }
    }

    record Weekly(
            String id, String scope, String reason, Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone)
            implements MaintenanceWindow {
        public Weekly {
            check(id, scope, reason);
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(zone, "zone");
            if (days.isEmpty()) {
                throw new IllegalArgumentException("weekly maintenance window " + id + " names no day");
            }
            if (!length.isPositive() || length.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException(
                        "maintenance window " + id + " must last more than zero and at most 7 days, was " + length);
            }
        }

        @Override
        public boolean covers(String service, Instant at) {
            if (!inScope(scope, service)) {
                return false;
            }
            ZonedDateTime local = at.atZone(zone);
            // A window that started on one of the last few days may still be running now.
            for (int back = 0; back <= length.toDays() + 1; back++) {
                ZonedDateTime day = local.minusDays(back);
                if (!days.contains(day.getDayOfWeek())) {
                    continue;
                }
                ZonedDateTime opens = day.toLocalDate().atTime(start).atZone(zone);
                if (!at.isBefore(opens.toInstant())
                        && at.isBefore(opens.plus(length).toInstant())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String when() {
            return "weekly " + new java.util.TreeSet<>(days) + " " + start + " " + zone + " for " + length;
        }
    }

    private static void check(String id, String scope, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (id == null || id.isBlank() || scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("a maintenance window needs an id and a scope (a service or *)");
        }
    }

    private static boolean inScope(String scope, String service) {
        return scope.equals(EVERY_SERVICE) || scope.equals(service);
    }
}

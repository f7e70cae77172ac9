package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.governance.GateExecution;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.GuardianState;
import dev.arf.core.governance.MaintenanceWindow;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Guardian's state (kill switch, breakers, locks, cooldowns, budgets, maintenance) and the kill switch. */
final class GovernanceEndpoints {
    private final ApiContext api;

    GovernanceEndpoints(ApiContext api) {
        this.api = api;
    }

    /** The kill switch as set through the API. */
    record KillSwitchChange(Boolean engaged, String reason) {}

    List<Route> routes() {
        return List.of(
                Route.get(
                        "/api/v1/governance/status",
                        Role.VIEWER,
                        "governance",
                        "Kill switch, breakers, locks, running cooldowns, budgets used, maintenance windows",
                        this::status),
                Route.put(
                                "/api/v1/governance/kill-switch",
                                Role.ADMIN,
                                "governance",
                                "Engage or release the kill switch for every ARF process on the store; audited first",
                                this::killSwitch)
                        .json(KillSwitchChange.class));
    }

    private void status(Context ctx, Caller caller) {
        ctx.json(status());
    }

    Map<String, Object> status() {
        var store = api.runtime().store();
        Instant now = api.runtime().clock().instant();
        GovernanceSettings settings = api.runtime().governance().defaults();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("governed", api.runtime().governed());
        out.put("kill_switch", killSwitch());
        out.put(
                "blueprints",
                new ArrayList<>(new java.util.TreeSet<>(
                        api.runtime().blueprints().current().services().keySet())));
        try {
            GuardianState state = new StoredGuardianMemory(store).load();
            List<Map<String, Object>> breakers = new ArrayList<>();
            new TreeMap<>(state.breakers()).forEach((service, b) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", service);
                m.put("consecutive_failures", b.failures());
                m.put(
                        "state",
                        b.openedAt()
                                .map(at ->
                                        now.isBefore(at.plus(settings.safety().breakerOpenFor()))
                                                ? "open"
                                                : "half_open")
                                .orElse("closed"));
                b.openedAt().ifPresent(at -> m.put("opened_at", at));
                breakers.add(m);
            });
            out.put("breakers", breakers);
            List<Map<String, Object>> locks = new ArrayList<>();
            new TreeMap<>(state.locks()).forEach((target, lock) -> {
                if (lock.expiresAt().isAfter(now)) {
                    locks.add(Map.of("target", target, "owner", lock.owner(), "expires_at", lock.expiresAt()));
                }
            });
            out.put("locks", locks);
            Map<String, Instant> last = new TreeMap<>();
            Map<String, Long> perService = new TreeMap<>();
            for (GateExecution ex : state.executions()) {
                last.merge(ex.target() + " " + ex.type().key(), ex.at(), (a, b) -> a.isAfter(b) ? a : b);
                if (ex.at().isAfter(now.minus(Duration.ofHours(1)))) {
                    perService.merge(ex.target(), 1L, Long::sum);
                }
            }
            List<Map<String, Object>> cooling = new ArrayList<>();
            last.forEach((key, at) -> {
                String kind = key.substring(key.indexOf(' ') + 1);
                dev.arf.core.policy.HealingAction.byKey(kind)
                        .map(k -> at.plus(settings.cooldowns().getOrDefault(k, Duration.ZERO)))
                        .filter(now::isBefore)
                        .ifPresent(until -> cooling.add(
                                Map.of("target", key.substring(0, key.indexOf(' ')), "action", kind, "until", until)));
            });
            out.put("cooldowns", cooling);
            List<Map<String, Object>> budgets = new ArrayList<>();
            perService.forEach((service, n) -> budgets.add(
                    Map.of("service", service, "used_this_hour", n, "per_hour", settings.perServicePerHour())));
            out.put("budgets", budgets);
        } catch (RuntimeException e) {
            out.put("guardian_state", "unreadable (every action is refused until repaired): " + e.getMessage());
        }
        try {
            List<Map<String, Object>> windows = new ArrayList<>();
            for (MaintenanceWindow w : new StoredMaintenanceCalendar(store).windows()) {
                windows.add(Map.of(
                        "id", w.id(),
                        "scope", w.scope(),
                        "when", w.when(),
                        "reason", w.reason(),
                        "active", w.covers(w.scope(), now)));
            }
            out.put("maintenance", windows);
        } catch (RuntimeException e) {
            out.put("maintenance", "unreadable (automation paused): " + e.getMessage());
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        Map<String, Long> cooldowns = new TreeMap<>();
        settings.cooldowns().forEach((k, d) -> cooldowns.put(k.key(), d.toSeconds()));
        limits.put("cooldown_seconds", cooldowns);
        limits.put("repetition_limit", settings.repetitionLimit());
        limits.put("repetition_window_seconds", settings.repetitionWindow().toSeconds());
        limits.put("per_service_per_hour", settings.perServicePerHour());
        limits.put("global_per_hour", settings.globalPerHour());
        out.put("limits", limits);
        return out;
    }

    private Map<String, Object> killSwitch() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            boolean engaged = new StoredKillSwitch(api.runtime().store()).engaged();
            m.put("engaged", engaged);
        } catch (RuntimeException e) {
            m.put("engaged", true);
            m.put("problem", "unreadable, treated as engaged: " + e.getMessage());
        }
        return m;
    }

    private void killSwitch(Context ctx, Caller caller) {
        KillSwitchChange change = api.bodies().json(ctx, KillSwitchChange.class);
        if (change.engaged() == null) {
            throw ApiProblem.badRequest("the body needs engaged: true or false", List.of("engaged: missing"));
        }
        Instant now = api.runtime().clock().instant();
        // Audit first: a switch flipped without a record would be a change nobody can explain.
        api.runtime()
                .audit()
                .append(new AuditEntry(
                        now,
                        change.engaged() ? "KILL_SWITCH_ENGAGED" : "KILL_SWITCH_RELEASED",
                        "fleet",
                        caller.actor(),
                        Map.of("reason", change.reason() == null ? "" : change.reason(), "token", caller.tokenId())));
        api.runtime().store().saveSetting(StoredKillSwitch.SETTING, change.engaged() ? "on" : "off", now);
        ctx.json(killSwitch());
    }
}

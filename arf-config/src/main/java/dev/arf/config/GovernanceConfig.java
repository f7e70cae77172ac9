package dev.arf.config;

import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.Guardian;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Guardian's thresholds as a governance file declares them (see {@link GovernanceLoader}).
 *
 * @param defaults the thresholds of every service without its own, and the fleet-wide ones (the
 *     global hourly budget, dry run)
 * @param services per-service thresholds, complete: what a service's entry did not write is inherited
 *     from {@code defaults}
 */
public record GovernanceConfig(GovernanceSettings defaults, Map<String, GovernanceSettings> services) {
    public GovernanceConfig {
        Objects.requireNonNull(defaults, "defaults");
        services = Map.copyOf(services);
    }

    /** ARF's built-in thresholds ({@link GovernanceSettings#defaults()}), no service of its own. */
    public static GovernanceConfig builtIn() {
        return new GovernanceConfig(GovernanceSettings.defaults(), Map.of());
    }

    /** The thresholds the Guardian applies to {@code service}: its own, else the defaults. */
    public GovernanceSettings settingsFor(String service) {
        return services.getOrDefault(service, defaults);
    }

    /**
     * This configuration, in dry run when {@code on} (e.g. a {@code --dry-run} flag); when {@code on} is
     * false, a dry run the file declares stays.
     */
    public GovernanceConfig dryRunIf(boolean on) {
        if (!on || defaults.dryRun()) {
            return this;
        }
        Map<String, GovernanceSettings> own = new LinkedHashMap<>();
        services.forEach((service, settings) -> own.put(service, settings.withDryRun(true)));
        return new GovernanceConfig(defaults.withDryRun(true), own);
    }

    /** Gives {@code builder} these thresholds: {@code settings(defaults)} and {@code serviceSettings(services)}. */
    public Guardian.Builder configure(Guardian.Builder builder) {
        return builder.settings(defaults).serviceSettings(services);
    }
}

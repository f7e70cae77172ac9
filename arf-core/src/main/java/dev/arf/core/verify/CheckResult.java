package dev.arf.core.verify;

import dev.arf.core.blueprint.VerificationCheck;
import java.util.Objects;

/**
 * One verification check against what was observed.
 *
 * @param observed in the check's unit (milliseconds for times, a fraction for percentages); NaN when
 *     the metric was not reported, which fails the check: what cannot be seen is not verified
 */
public record CheckResult(VerificationCheck check, double observed, boolean passed, String explanation) {
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(explanation, "explanation");
    }
}

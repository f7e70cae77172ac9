package dev.arf.core.detect;

import java.util.List;
import java.util.Objects;

/** Everything an {@link AnomalyDetector} is tuned by; immutable. Start from {@link #builder()}. */
public record DetectorSettings(
        List<ThresholdRule> rules,
        BaselineSettings baseline,
        RcfSettings rcf,
        ForecastSettings forecast,
        FusionSettings fusion) {

    public DetectorSettings {
        rules = List.copyOf(rules);
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(rcf, "rcf");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(fusion, "fusion");
        long distinct = rules.stream().map(ThresholdRule::name).distinct().count();
        if (distinct != rules.size()) {
            throw new IllegalArgumentException("rules: names must be unique");
        }
    }

    public static DetectorSettings defaults() {
        return builder().build();
    }

    /**
     * These settings adapted to judging one observation on its own ({@code arf analyze}): a single
     * sample has no duration, so rules apply without their {@code for} durations, one abnormal sample
     * is enough and its score is not smoothed.
     */
    public DetectorSettings forSingleObservation() {
        List<ThresholdRule> instant = rules.stream()
                .map(r -> new ThresholdRule(
                        r.name(), r.metric(), r.operator(), r.threshold(), java.time.Duration.ZERO, r.severity()))
                .toList();
        FusionSettings oneSample = new FusionSettings(
                fusion.enterThreshold(), fusion.exitThreshold(), 1, fusion.exitSamples(), fusion.extremeScore(), 1.0);
        return toBuilder().rules(instant).fusion(oneSample).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .rules(rules)
                .baseline(baseline)
                .rcf(rcf)
                .forecast(forecast)
                .fusion(fusion);
    }

    /** Starts from the defaults; each setter replaces one part. */
    public static final class Builder {
        private List<ThresholdRule> rules = ThresholdRule.defaults();
        private BaselineSettings baseline = BaselineSettings.defaults();
        private RcfSettings rcf = RcfSettings.defaults();
        private ForecastSettings forecast = ForecastSettings.defaults();
        private FusionSettings fusion = FusionSettings.defaults();

        private Builder() {}

        public Builder rules(List<ThresholdRule> value) {
            this.rules = List.copyOf(value);
            return this;
        }

        public Builder baseline(BaselineSettings value) {
            this.baseline = Objects.requireNonNull(value, "baseline");
            return this;
        }

        public Builder rcf(RcfSettings value) {
            this.rcf = Objects.requireNonNull(value, "rcf");
            return this;
        }

        public Builder forecast(ForecastSettings value) {
            this.forecast = Objects.requireNonNull(value, "forecast");
            return this;
        }

        public Builder fusion(FusionSettings value) {
            this.fusion = Objects.requireNonNull(value, "fusion");
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(rules, baseline, rcf, forecast, fusion);
        }
    }
}

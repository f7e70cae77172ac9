package dev.arf.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.InMemoryAuditLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 002's five use cases end the way the seed describes, with their timings on the virtual clock. */
class GovernedScenariosTest {
    private GovernedReport run(String name) {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        GovernedReport report = new GovernedScenarioRunner(audit)
                .run(GovernedScenarioCatalog.byName(name).orElseThrow());
        report.moments()
                .forEach(m -> System.out.println(name + " +" + m.offset().toSeconds() + "s " + m.text()));
        System.out.println(name + " timings " + report.timings() + " → " + report.verdict());
        return report;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "autonomous-scaling",
                "scale-beyond-limits",
                "forbidden-operation",
                "automatic-rollback",
                "multi-service"
            })
    void eachUseCaseEndsAsTheSeedDescribes(String name) {
        assertThat(run(name).asExpected()).isTrue();
    }

    @Test
    void anApprovedScaleBeyondLimitsBecomesTheBlueprintsNewMaximum() {
        GovernedReport report = run("scale-beyond-limits");
        assertThat(report.finalReplicas()).containsEntry("checkout", 6);
        assertThat(report.blueprintVersions())
                .containsExactly("checkout 1.0.0 → 1.0.1: max_replicas 5 → 6 (approved by alice)");
        assertThat(report.timings().get("approved"))
                .isGreaterThan(report.timings().get("approval requested"));
    }

    @Test
    void theRollbackCompletesWithinTheStabilisationPeriodPlusOneEvaluation() {
        GovernedReport report = run("automatic-rollback");
        Duration scaledDown = report.timings().get("first action executed");
        Duration rolledBack = report.timings().get("rolled back");
        assertThat(rolledBack.minus(scaledDown)).isLessThanOrEqualTo(Duration.ofSeconds(60 + 10));
        assertThat(report.moments()).anyMatch(m -> m.text().contains("latency_p95 278.93ms (< 200ms) FAILED"));
    }

    @Test
    void theForbiddenDeletionIsRefusedWithAlternativesAndNothingChanges() {
        GovernedReport report = run("forbidden-operation");
        assertThat(report.moments())
                .anyMatch(m -> m.text().contains("ACTION_FORBIDDEN") && m.text().contains("scale_to_zero"));
        assertThat(report.timings().get("refused in (wall clock)")).isLessThan(Duration.ofSeconds(1));
        assertThat(report.moments())
                .anyMatch(m ->
                        m.text().equals("security alert raised: llm:assistant tried delete_deployment on payments"));
    }

    @Test
    void theAuditChainOfAScenarioVerifies() {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        new GovernedScenarioRunner(audit)
                .run(GovernedScenarioCatalog.byName("automatic-rollback").orElseThrow());
        assertThat(AuditChain.verify(audit.read(1, (int) audit.size())).intact())
                .isTrue();
    }
}

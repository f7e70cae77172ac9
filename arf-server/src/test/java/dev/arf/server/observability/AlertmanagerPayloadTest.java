package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arf.core.detect.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AlertmanagerPayloadTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static AlertmanagerPayload read(String json) {
        return AlertmanagerPayload.read(JSON.readTree(json));
    }

    private static AlertmanagerPayload.Invalid invalid(String json) {
        return catchThrowableOfType(AlertmanagerPayload.Invalid.class, () -> read(json));
    }

    @Test
    void readsAlertmanagersVersion4PayloadAndIgnoresFieldsItDoesNotUse() {
        AlertmanagerPayload payload = read("""
                {"version":"4","groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0,
                 "status":"firing","receiver":"arf","groupLabels":{"alertname":"HighErrorRate"},
                 "commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                 "alerts":[{"status":"firing",
                   "labels":{"alertname":"HighErrorRate","service":"checkout","job":"api","severity":"critical"},
                   "annotations":{"summary":"5xx above 5%"},
                   "startsAt":"2026-11-27T09:00:00.123+01:00","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus/graph","fingerprint":"8f3a1c2b4d5e6f70"}]}
                """);

        assertThat(payload.receiver()).isEqualTo("arf");
        assertThat(payload.alerts()).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.service()).isEqualTo("checkout");
            assertThat(a.name()).isEqualTo("HighErrorRate");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.summary()).isEqualTo("5xx above 5%");
            assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00.123Z"));
            assertThat(a.endsAt()).as("Alertmanager's zero time is no time").isNull();
            assertThat(a.incidentKey()).isEqualTo("alertmanager:8f3a1c2b4d5e6f70");
        });
    }

    @Test
    void namesTheServiceByServiceElseJobElseInstance() {
        String template = """
                {"alerts":[{"status":"resolved","labels":%s,"startsAt":"2026-11-27T09:00:00Z","fingerprint":"f"}]}
                """;
        assertThat(read(template.formatted("{\"job\":\"api\",\"instance\":\"10.0.0.1:9100\"}"))
                        .alerts()
                        .get(0)
                        .service())
                .isEqualTo("api");
        assertThat(read(template.formatted("{\"instance\":\"10.0.0.1:9100\"}"))
                        .alerts()
                        .get(0)
                        .service())
                .isEqualTo("10.0.0.1:9100");
        assertThat(invalid(template.formatted("{\"alertname\":\"X\"}")).problems())
                .containsExactly("alerts[0].labels: no service, job or instance label to name the service");
    }

    @Test
    void withoutAFingerprintTheSameLabelsGiveTheSameKey() {
        String json = """
                {"alerts":[{"status":"firing","labels":{"service":"a","alertname":"X"},"startsAt":"2026-11-27T09:00:00Z"},
                           {"status":"firing","labels":{"alertname":"X","service":"a"},"startsAt":"2026-11-27T09:05:00Z"}]}
                """;
        AlertmanagerPayload payload = read(json);

        assertThat(payload.alerts().get(0).fingerprint())
                .hasSize(16)
                .isEqualTo(payload.alerts().get(1).fingerprint());
    }

    @Test
    void namesEveryProblemAtOnce() {
        AlertmanagerPayload.Invalid e = invalid("""
                {"version":"3","alerts":[
                  {"status":"pending","labels":{"service":"a"},"startsAt":"yesterday","fingerprint":"f"},
                  {"status":"firing","labels":{"service":7},"startsAt":"2026-11-27T09:00:00Z"},
                  {"status":"firing","startsAt":"2026-11-27T09:00:00Z","fingerprint":"has space"},
                  "text"]}
                """);

        assertThat(e.problems())
                .containsExactly(
                        "version: only Alertmanager's webhook version \"4\" is understood, got \"3\"",
                        "alerts[0].status: must be firing or resolved",
                        "alerts[0].startsAt: not an RFC 3339 time",
                        "alerts[1].labels.service: must be a string",
                        "alerts[2].labels: missing",
                        "alerts[2].fingerprint: 1 to 128 visible ASCII characters",
                        "alerts[3]: must be an object");
        assertThat(invalid("{\"receiver\":\"arf\"}").problems())
                .containsExactly("alerts: missing (an array of alerts)");
        assertThat(invalid("[]").problems()).hasSize(1);
    }

    @Test
    void controlCharactersInLabelsCannotForgeTimelineLines() {
        AlertmanagerPayload payload = read("""
                {"alerts":[{"status":"firing","labels":{"service":"a\\nINFO forged","alertname":"X\\r\\nY"},
                  "startsAt":"2026-11-27T09:00:00Z","fingerprint":"f"}]}
                """);

        assertThat(payload.alerts().get(0).service()).doesNotContain("\n");
        assertThat(payload.alerts().get(0).name()).doesNotContain("\r", "\n");
    }

    @Test
    void mapsAlertmanagersUsualSeverityLabels() {
        assertThat(AlertmanagerPayload.severity("critical")).isEqualTo(Severity.CRITICAL);
        assertThat(AlertmanagerPayload.severity("error")).isEqualTo(Severity.HIGH);
        assertThat(AlertmanagerPayload.severity("warning")).isEqualTo(Severity.MEDIUM);
        assertThat(AlertmanagerPayload.severity("info")).isEqualTo(Severity.LOW);
        assertThat(AlertmanagerPayload.severity(null)).isEqualTo(Severity.MEDIUM);
    }
}

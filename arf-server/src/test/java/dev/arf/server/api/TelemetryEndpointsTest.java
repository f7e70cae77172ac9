package dev.arf.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelemetryEndpointsTest {
    @Test
    void csvFieldsAreQuotedAndFormulasNeutralised() {
        assertThat(TelemetryEndpoints.csvField("checkout")).isEqualTo("checkout");
        assertThat(TelemetryEndpoints.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(TelemetryEndpoints.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TelemetryEndpoints.csvField("=cmd()")).isEqualTo("'=cmd()");
    }
}

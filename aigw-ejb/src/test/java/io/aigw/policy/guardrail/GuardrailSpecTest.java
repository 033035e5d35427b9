package io.aigw.policy.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardrailSpecTest {

    private static GuardrailSpec parse(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return GuardrailSpec.parse(r.readObject());
        }
    }

    @Test
    void theIssueDocumentParsesAndIsWrittenBackWithEveryDefault() {
        GuardrailSpec spec = parse("{\"input\":[{\"type\":\"pii\",\"entities\":[\"email\",\"phone\",\"credit_card\","
                + "\"iban\",\"ip_address\",\"api_key\",\"private_key\",\"us_ssn\"],\"action\":\"redact\","
                + "\"restore_in_output\":true},{\"type\":\"prompt_injection\",\"action\":\"block\",\"threshold\":0.8},"
                + "{\"type\":\"deny\",\"patterns\":[\"(?i)project\\\\s+falcon\"],\"action\":\"block\"},"
                + "{\"type\":\"max_input_tokens\",\"value\":8000}],\"output\":[{\"type\":\"pii\","
                + "\"entities\":[\"credit_card\",\"email\"],\"action\":\"redact\"}]}");
        JsonObject json = spec.toJson();
        assertThat(json.toString()).isEqualTo("{\"input\":[{\"type\":\"pii\",\"entities\":[\"email\",\"phone\","
                + "\"credit_card\",\"iban\",\"ip_address\",\"api_key\",\"private_key\",\"us_ssn\"],\"action\":\"redact\","
                + "\"restore_in_output\":true},{\"type\":\"prompt_injection\",\"action\":\"block\",\"threshold\":0.8},"
                + "{\"type\":\"deny\",\"patterns\":[\"(?i)project\\\\s+falcon\"],\"action\":\"block\"},"
                + "{\"type\":\"max_input_tokens\",\"value\":8000}],\"output\":[{\"type\":\"pii\","
                + "\"entities\":[\"email\",\"credit_card\"],\"action\":\"redact\"}]}");
        assertThat(parse(json.toString()).toJson()).isEqualTo(json);
        assertThat(parse("{\"input\":[{\"type\":\"pii\"}]}").toJson().toString()).isEqualTo("{\"input\":[{\"type\":"
                + "\"pii\",\"entities\":[\"email\",\"phone\",\"credit_card\",\"iban\",\"ip_address\",\"api_key\","
                + "\"private_key\",\"us_ssn\"],\"action\":\"redact\",\"restore_in_output\":false}],\"output\":[]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|input",
        "{\"input\":{}}|input",
        "{\"input\":[{}]}|input[0].type",
        "{\"input\":[{\"type\":\"toxicity\"}]}|input[0].type",
        "{\"input\":[{\"type\":\"pii\",\"entities\":[]}]}|input[0].entities",
        "{\"input\":[{\"type\":\"pii\",\"entities\":[\"email\",7]}]}|input[0].entities",
        "{\"input\":[{\"type\":\"pii\",\"action\":\"shout\"}]}|input[0].action",
        "{\"input\":[{\"type\":\"pii\",\"restore_in_output\":\"yes\"}]}|input[0].restore_in_output",
        "{\"output\":[{\"type\":\"pii\",\"restore_in_output\":true}]}|output[0].restore_in_output",
        "{\"input\":[{\"type\":\"prompt_injection\",\"threshold\":1.5}]}|input[0].threshold",
        "{\"input\":[{\"type\":\"prompt_injection\",\"action\":\"redact\"}]}|input[0].action",
        "{\"input\":[{\"type\":\"deny\",\"patterns\":[]}]}|input[0].patterns",
        "{\"input\":[{\"type\":\"deny\",\"patterns\":[\"[a-\"]}]}|input[0].patterns[0]",
        "{\"input\":[{\"type\":\"max_input_tokens\"}]}|input[0].value",
        "{\"input\":[{\"type\":\"max_input_tokens\",\"value\":0}]}|input[0].value",
        "{\"output\":[{\"type\":\"max_input_tokens\",\"value\":10}]}|output[0].type",
    })
    void invalidDocumentsAreRefusedNamingTheField(String json, String param) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).param()).isEqualTo(param));
    }
}

package io.aigw.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayRoleTest {

    @Test
    void ofIsCaseInsensitive() {
        assertThat(GatewayRole.of("admin")).isEqualTo(GatewayRole.ADMIN);
        assertThat(GatewayRole.of("Compliance")).isEqualTo(GatewayRole.COMPLIANCE);
        assertThat(GatewayRole.of("USER")).isEqualTo(GatewayRole.USER);
        assertThat(GatewayRole.of(" user ")).isEqualTo(GatewayRole.USER);
    }

    @Test
    void ofReadsEveryWireName() {
        for (GatewayRole role : GatewayRole.values()) {
            assertThat(GatewayRole.of(role.wireName())).isEqualTo(role);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "", "admins", "super-admin"})
    void ofRejectsUnknownNames(String name) {
        assertThatThrownBy(() -> GatewayRole.of(name)).isInstanceOf(IllegalArgumentException.class);
    }
}

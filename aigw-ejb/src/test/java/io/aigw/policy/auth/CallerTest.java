package io.aigw.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerTest {

    private static Caller allowedTo(String... patterns) {
        return new Caller("k1", "key", "tenant", Set.of(GatewayRole.USER), List.of(patterns));
    }

    private static Caller withRoles(GatewayRole... roles) {
        return new Caller("k1", "key", "tenant", Set.of(roles), List.of());
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "openai/*,           openai/gpt-4o,            true",
            "openai/*,           openai/,                  true",
            "openai/*,           local/all-minilm-l6-v2,   false",
            "openai/*,           openai,                   false",
            "*mini,              openai/gpt-4o-mini,       true",
            "*mini,              openai/gpt-4o-mini-2024,  false",
            "openai/gpt-*-mini,  openai/gpt-4o-mini,       true",
            "openai/gpt-*-mini,  openai/gpt-4.1-mini,      true",
            "openai/gpt-*-mini,  openai/gpt-mini,          false",
            "openai/gpt-*-mini,  openai/gpt-4o,            false",
            "openai/gpt-*-mini,  azure/gpt-4o-mini,        false",
            "openai/gpt-4o,      openai/gpt-4o,            true",
            "openai/gpt-4o,      openai/gpt-4o-mini,       false",
            "openai/gpt-4o,      gpt-4o,                   false",
            "*,                  anything/at-all,          true",
            "a*a,                a,                        false",
            "a*a,                aa,                       true",
            "*-*,                gpt-4o,                   true",
            "*-*,                gpt4o,                    false",
    })
    void mayUseMatchesWildcardPatterns(String pattern, String model, boolean expected) {
        assertThat(allowedTo(pattern).mayUse(model)).isEqualTo(expected);
    }

    @Test
    void anyOfSeveralPatternsSuffices() {
        Caller caller = allowedTo("openai/gpt-4o", "local/*");

        assertThat(caller.mayUse("local/all-minilm-l6-v2")).isTrue();
        assertThat(caller.mayUse("openai/gpt-4o")).isTrue();
        assertThat(caller.mayUse("openai/o3")).isFalse();
    }

    @Test
    void anEmptyListAllowsEveryModel() {
        Caller caller = allowedTo();

        assertThat(caller.mayUse("openai/gpt-4o")).isTrue();
        assertThat(caller.mayUse("whatever")).isTrue();
    }

    @Test
    void hasItsOwnRolesOnly() {
        Caller user = withRoles(GatewayRole.USER);
        Caller compliance = withRoles(GatewayRole.USER, GatewayRole.COMPLIANCE);

        assertThat(user.has(GatewayRole.USER)).isTrue();
        assertThat(user.has(GatewayRole.COMPLIANCE)).isFalse();
        assertThat(user.has(GatewayRole.ADMIN)).isFalse();
        assertThat(compliance.has(GatewayRole.COMPLIANCE)).isTrue();
        assertThat(compliance.has(GatewayRole.ADMIN)).isFalse();
    }

    @Test
    void adminImpliesEveryRole() {
        Caller admin = withRoles(GatewayRole.ADMIN);

        assertThat(admin.has(GatewayRole.COMPLIANCE)).isTrue();
        assertThat(admin.has(GatewayRole.USER)).isTrue();
        assertThat(admin.has(GatewayRole.ADMIN)).isTrue();
    }
}

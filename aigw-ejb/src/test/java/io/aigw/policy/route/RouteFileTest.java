package io.aigw.policy.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.ScopedPolicyStore;
import jakarta.json.JsonException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routes file: every route it names, with versions that continue from what was read before. */
class RouteFileTest {

    private static final String CHAT = "{\"strategy\":\"priority\",\"targets\":[{\"model\":\"openai/gpt-4o\"},"
            + "{\"model\":\"anthropic/claude-sonnet-4\",\"priority\":2}]}";
    private static final String CHEAP = "{\"strategy\":\"cheapest\",\"targets\":[{\"model\":\"openai/gpt-4o-mini\"},"
            + "{\"model\":\"gemini/gemini-2.0-flash\"}]}";
    private static final Instant EARLIER = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aFileWithTwoRoutesGivesBothAtVersionOne() {
        Instant before = Instant.now();
        Map<String, Route> routes = RouteFile.parse("{\"routes\":{\"chat\":" + CHAT + ",\"cheap\":" + CHEAP + "}}",
                Map.of());
        assertThat(routes).containsOnlyKeys("chat", "cheap");
        Route chat = routes.get("chat");
        assertThat(chat.name()).isEqualTo("chat");
        assertThat(chat.version()).isEqualTo(1);
        assertThat(chat.spec()).isEqualTo(spec(CHAT));
        assertThat(chat.source()).isEqualTo("file");
        assertThat(chat.changedBy()).isEqualTo("file");
        assertThat(chat.changedAt()).isBetween(before, Instant.now());
        assertThat(chat.deleted()).isFalse();
        assertThat(routes.get("cheap").spec()).isEqualTo(spec(CHEAP));
        assertThat(routes.get("cheap").spec().strategy()).isEqualTo(Strategy.CHEAPEST);
        assertThat(routes.get("cheap").version()).isEqualTo(1);
    }

    @Test
    void anUnchangedDefinitionKeepsItsVersionAndTimeAndAChangedOneGetsTheNext() {
        Map<String, Route> previous = Map.of(
                "chat", new Route("chat", 4, spec(CHAT), "file", EARLIER, "file"),
                "cheap", new Route("cheap", 7, spec(CHEAP), "file", EARLIER, "file"));
        Instant before = Instant.now();
        // "chat" is written differently (defaults spelled out, other field order) but means the same
        String sameChat = "{\"targets\":[{\"priority\":1,\"model\":\"openai/gpt-4o\",\"weight\":1},"
                + "{\"model\":\"anthropic/claude-sonnet-4\",\"priority\":2}],\"circuit_breaker\":null,"
                + "\"fallback_on\":[\"unavailable\",\"timeout\",\"server_error\",\"rate_limit\"]}";
        String changedCheap = "{\"strategy\":\"cheapest\",\"targets\":[{\"model\":\"openai/gpt-4o-mini\"}]}";
        String added = "{\"targets\":[{\"model\":\"openai/o3\"}]}";
        Map<String, Route> routes = RouteFile.parse("{\"routes\":{\"chat\":" + sameChat + ",\"cheap\":"
                + changedCheap + ",\"reasoning\":" + added + "}}", previous);

        assertThat(routes.get("chat").version()).isEqualTo(4);
        assertThat(routes.get("chat").changedAt()).isEqualTo(EARLIER);
        assertThat(routes.get("cheap").version()).isEqualTo(8);
        assertThat(routes.get("cheap").changedAt()).isBetween(before, Instant.now());
        assertThat(routes.get("cheap").spec().targets()).hasSize(1);
        assertThat(routes.get("reasoning").version()).isEqualTo(1);
    }

    @Test
    void aRouteThatWasDeletedComesBackAtTheNextVersion() {
        Map<String, Route> previous = Map.of("chat", new Route("chat", 3, null, "file", EARLIER, "file"));
        Route chat = RouteFile.parse("{\"routes\":{\"chat\":" + CHAT + "}}", previous).get("chat");
        assertThat(chat.version()).isEqualTo(4);
        assertThat(chat.spec()).isEqualTo(spec(CHAT));
    }

    @Test
    void aRouteLeftOutOfTheFileIsGone() {
        Map<String, Route> previous = Map.of("chat", new Route("chat", 2, spec(CHAT), "file", EARLIER, "file"),
                "cheap", new Route("cheap", 1, spec(CHEAP), "file", EARLIER, "file"));
        assertThat(RouteFile.parse("{\"routes\":{\"cheap\":" + CHEAP + "}}", previous)).containsOnlyKeys("cheap");
        assertThat(RouteFile.parse("{\"routes\":{}}", previous)).isEmpty();
    }

    @Test
    void anInvalidFileIsRefusedNamingWhatIsWrong() {
        assertRefused("{\"routes\":[]}", "routes", "'routes' must be an object of route definitions by name.");
        assertRefused("{}", "routes", "'routes' must be an object of route definitions by name.");
        assertRefused("{\"route\":{}}", "route", "Unknown field 'route'. Known fields: routes.");
        assertRefused("{\"routes\":{\"bad/name\":" + CHAT + "}}", "routes", "'bad/name' is not a valid route name.");
        assertRefused("{\"routes\":{\"chat\":[]}}", "routes.chat", "The route 'chat' must be an object.");
        assertRefused("{\"routes\":{\"chat\":{\"targets\":[]}}}", "routes.chat.targets",
                "Route 'chat': 'targets' must be an array of 1 to 20 targets.");
        // a target that is another route of the same file
        assertRefused("{\"routes\":{\"chat\":" + CHAT + ",\"front\":{\"targets\":[{\"model\":\"chat\"}]}}}",
                "routes.front.targets[0].model", "Route 'front': 'chat' is a route; a target must be a model.");
        assertThat(catchThrowableOfType(JsonException.class, () -> RouteFile.parse("{\"routes\":", Map.of())))
                .isNotNull();
    }

    private static RouteSpec spec(String json) {
        return RouteSpec.parse(ScopedPolicyStore.parse(json), name -> false);
    }

    private static void assertRefused(String text, String param, String message) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> RouteFile.parse(text, Map.of()));
        assertThat(e).as("refusal of %s", text).isNotNull();
        assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.getMessage()).isEqualTo(message);
    }
}

package io.aigw.policy.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyChainTest {

    private final List<String> trace = new ArrayList<>();
    private final Exchange exchange = new Exchange(Operation.CHAT,
            new CallContext("req-1", null, "POST", "/v1/chat/completions", "127.0.0.1"), null);

    /** Notes its name before and after the rest of the chain. */
    private PolicyStep step(String name) {
        return (x, chain) -> {
            trace.add(name + ">");
            chain.proceed(x);
            trace.add("<" + name);
        };
    }

    private Runnable terminal() {
        return () -> trace.add("terminal");
    }

    @Test
    void runsStepsInListOrderAroundTheTerminal() {
        PolicyChain.run(List.of(step("a"), step("b"), step("c")), exchange, terminal());

        assertThat(trace).containsExactly("a>", "b>", "c>", "terminal", "<c", "<b", "<a");
    }

    @Test
    void withoutStepsRunsOnlyTheTerminal() {
        PolicyChain.run(List.of(), exchange, terminal());

        assertThat(trace).containsExactly("terminal");
    }

    @Test
    void skipsStepsThatDoNotApply() {
        PolicyStep skipped = new PolicyStep() {
            @Override
            public boolean appliesTo(Exchange x) {
                trace.add("asked");
                return false;
            }

            @Override
            public void apply(Exchange x, PolicyChain chain) {
                trace.add("skipped ran");
                chain.proceed(x);
            }
        };

        PolicyChain.run(List.of(step("a"), skipped, step("c"), skipped), exchange, terminal());

        assertThat(trace).containsExactly("a>", "asked", "c>", "asked", "terminal", "<c", "<a");
    }

    @Test
    void appliesToSeesTheExchange() {
        PolicyStep onlyForModels = new PolicyStep() {
            @Override
            public boolean appliesTo(Exchange x) {
                return x.operation().addressesModel();
            }

            @Override
            public void apply(Exchange x, PolicyChain chain) {
                trace.add("model step");
                chain.proceed(x);
            }
        };
        Exchange listing = new Exchange(Operation.LIST_MODELS, new CallContext("r", null, "GET", "/v1/models", null),
                null);

        PolicyChain.run(List.of(onlyForModels), listing, terminal());
        PolicyChain.run(List.of(onlyForModels), exchange, terminal());

        assertThat(trace).containsExactly("terminal", "model step", "terminal");
    }

    @Test
    void aStepThatDoesNotProceedStopsTheChain() {
        PolicyStep stop = (x, chain) -> trace.add("stop");

        PolicyChain.run(List.of(step("a"), stop, step("c")), exchange, terminal());

        assertThat(trace).containsExactly("a>", "stop", "<a");
    }

    @Test
    void aStepThatThrowsStopsTheChainAndTheExceptionReachesTheCaller() {
        GatewayException denied = new GatewayException(Problem.FORBIDDEN, "no");
        PolicyStep deny = (x, chain) -> {
            throw denied;
        };

        assertThatThrownBy(() -> PolicyChain.run(List.of(step("a"), deny, step("c")), exchange, terminal()))
                .isSameAs(denied);
        assertThat(trace).containsExactly("a>");
    }

    @Test
    void anExceptionFromTheTerminalPropagatesThroughOuterSteps() {
        RuntimeException failure = new IllegalStateException("terminal failed");
        List<Throwable> observed = new ArrayList<>();
        PolicyStep outer = (x, chain) -> {
            trace.add("outer>");
            try {
                chain.proceed(x);
            } catch (RuntimeException e) {
                observed.add(e);
                throw e;
            } finally {
                trace.add("<outer");
            }
        };

        assertThatThrownBy(() -> PolicyChain.run(List.of(outer, step("inner")), exchange, () -> {
            trace.add("terminal");
            throw failure;
        })).isSameAs(failure);

        assertThat(observed).containsExactly(failure);
        // the inner step's code after proceed never ran; the outer step's finally did
        assertThat(trace).containsExactly("outer>", "inner>", "terminal", "<outer");
    }

    @Test
    void eachStepGetsTheSameExchange() {
        List<Exchange> seen = new ArrayList<>();
        PolicyStep record = (x, chain) -> {
            seen.add(x);
            chain.proceed(x);
        };

        PolicyChain.run(List.of(record, record), exchange, terminal());

        assertThat(seen).containsExactly(exchange, exchange);
    }
}

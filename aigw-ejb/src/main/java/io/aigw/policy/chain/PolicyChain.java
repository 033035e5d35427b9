package io.aigw.policy.chain;

import java.util.List;

/** The rest of the chain from one position; {@link #proceed(Exchange)} runs the next applicable step or the terminal. */
public final class PolicyChain {

    private final List<PolicyStep> steps;
    private final int index;
    private final Runnable terminal;

    private PolicyChain(List<PolicyStep> steps, int index, Runnable terminal) {
        this.steps = steps;
        this.index = index;
        this.terminal = terminal;
    }

    /** Runs {@code steps} (already sorted) around {@code terminal} for one exchange. */
    public static void run(List<PolicyStep> steps, Exchange exchange, Runnable terminal) {
        new PolicyChain(steps, 0, terminal).proceed(exchange);
    }

    /** Continues with the next step that applies, or the terminal action after the last one. */
    public void proceed(Exchange exchange) {
        for (int i = index; i < steps.size(); i++) {
            PolicyStep step = steps.get(i);
            if (step.appliesTo(exchange)) {
                step.apply(exchange, new PolicyChain(steps, i + 1, terminal));
                return;
            }
        }
        terminal.run();
    }
}

package io.aigw.policy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Priority;
import org.junit.jupiter.api.Test;

class PolicyStepsTest {

    @Priority(100)
    static class AnnotatedStep implements PolicyStep {
        @Override
        public void apply(Exchange exchange, PolicyChain chain) {
            chain.proceed(exchange);
        }
    }

    /** As a CDI proxy or subclass would be: the annotation sits on the superclass. */
    static class SubclassOfAnnotatedStep extends AnnotatedStep {
    }

    @Priority(5)
    static class ReannotatedSubclass extends AnnotatedStep {
    }

    static class UnannotatedStep implements PolicyStep {
        @Override
        public void apply(Exchange exchange, PolicyChain chain) {
            chain.proceed(exchange);
        }
    }

    @Test
    void readsThePriorityOfTheClass() {
        assertThat(PolicySteps.priorityOf(new AnnotatedStep())).isEqualTo(100);
    }

    @Test
    void readsThePriorityOfASuperclass() {
        assertThat(PolicySteps.priorityOf(new SubclassOfAnnotatedStep())).isEqualTo(100);
    }

    @Test
    void theNearestAnnotationWins() {
        assertThat(PolicySteps.priorityOf(new ReannotatedSubclass())).isEqualTo(5);
    }

    @Test
    void aStepWithoutPriorityRunsLast() {
        assertThat(PolicySteps.priorityOf(new UnannotatedStep())).isEqualTo(Integer.MAX_VALUE);
        assertThat(PolicySteps.priorityOf((x, chain) -> chain.proceed(x))).isEqualTo(Integer.MAX_VALUE);
    }
}

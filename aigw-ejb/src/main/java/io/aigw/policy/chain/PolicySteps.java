package io.aigw.policy.chain;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every {@link PolicyStep} bean, sorted once by {@link Priority} (the chain's order). */
@ApplicationScoped
public class PolicySteps {

    @Inject
    @Any
    Instance<PolicyStep> beans;

    private List<PolicyStep> ordered;

    @PostConstruct
    void sort() {
        List<PolicyStep> steps = new ArrayList<>();
        beans.forEach(steps::add);
        steps.sort(Comparator.comparingInt(PolicySteps::priorityOf));
        ordered = List.copyOf(steps);
    }

    /** The steps, outermost first. */
    public List<PolicyStep> ordered() {
        return ordered;
    }

    static int priorityOf(PolicyStep step) {
        Class<?> c = step.getClass();
        while (c != null) {
            Priority p = c.getAnnotation(Priority.class);
            if (p != null) {
                return p.value();
            }
            c = c.getSuperclass();
        }
        return Integer.MAX_VALUE;
    }
}

package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aigw.policy.route.RouteTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order a route tries its targets in: by priority, drawn by weight (sticky or not), by a figure. */
class CandidateOrderTest {

    private static final RouteTarget A = target("openai/gpt-4o", 90, 1);
    private static final RouteTarget B = target("anthropic/claude-sonnet-4", 10, 2);

    @Test
    void byPriorityKeepsTheListedOrderWithinAPriority() {
        RouteTarget a = target("a", 1, 2);
        RouteTarget b = target("b", 1, 1);
        RouteTarget c = target("c", 1, 2);
        RouteTarget d = target("d", 1, 1);
        RouteTarget e = target("e", 1, 3);
        assertThat(CandidateOrder.byPriority(List.of(e, a, b, c, d))).containsExactly(b, d, a, c, e);
        assertThat(CandidateOrder.byPriority(List.of(c, a, d, b))).containsExactly(d, b, c, a);
    }

    @Test
    void weightedDrawsFollowTheWeightsAndTheRestFollowByPriority() {
        RouteTarget c = target("gemini/gemini-2.0-flash", 0, 3);
        int draws = 20_000;
        int firstA = 0;
        for (int i = 0; i < draws; i++) {
            List<RouteTarget> order = CandidateOrder.weighted(List.of(c, B, A), null);
            assertThat(order).hasSize(3);
            if (order.get(0).equals(A)) {
                firstA++;
                assertThat(order).containsExactly(A, B, c);
            } else {
                assertThat(order).containsExactly(B, A, c);
            }
        }
        assertThat(100.0 * firstA / draws).isCloseTo(90.0, within(1.5));
    }

    @Test
    void aStickyCallerAlwaysGetsTheSameFirstTarget() {
        for (int id = 0; id < 200; id++) {
            String caller = "key_" + id;
            RouteTarget first = CandidateOrder.weighted(List.of(A, B), caller).get(0);
            for (int i = 0; i < 20; i++) {
                assertThat(CandidateOrder.weighted(List.of(A, B), caller).get(0)).isEqualTo(first);
                // the order targets are listed in does not change the draw
                assertThat(CandidateOrder.weighted(List.of(B, A), caller).get(0)).isEqualTo(first);
            }
        }
    }

    @Test
    void stickyCallersSplitByTheWeights() {
        int callers = 10_000;
        int firstA = 0;
        for (int id = 0; id < callers; id++) {
            if (CandidateOrder.weighted(List.of(A, B), "user-" + id).get(0).equals(A)) {
                firstA++;
            }
        }
        assertThat(100.0 * firstA / callers).isCloseTo(90.0, within(2.0));
    }

    @Test
    void aWeightChangeMovesOnlyTheCallersItMustAndOnlyTowardsTheTargetThatGained() {
        List<RouteTarget> before = List.of(A, B);
        List<RouteTarget> after = List.of(target(A.model(), 80, 1), target(B.model(), 20, 2));
        int callers = 10_000;
        int toB = 0;
        int toA = 0;
        int firstAAfter = 0;
        for (int id = 0; id < callers; id++) {
            String caller = "user-" + id;
            String was = CandidateOrder.weighted(before, caller).get(0).model();
            String is = CandidateOrder.weighted(after, caller).get(0).model();
            if (was.equals(A.model()) && is.equals(B.model())) {
                toB++;
            } else if (was.equals(B.model()) && is.equals(A.model())) {
                toA++;
            }
            if (is.equals(A.model())) {
                firstAAfter++;
            }
        }
        assertThat(toA).as("callers moved from the 10 target to the 80 one").isZero();
        // 90 % -> 80 %: about a tenth of the callers move, no more
        assertThat(100.0 * toB / callers).isCloseTo(10.0, within(2.0));
        assertThat(100.0 * firstAAfter / callers).isCloseTo(80.0, within(2.0));
    }

    @Test
    void aTargetOfWeightZeroIsNeverFirstButStaysAFallback() {
        RouteTarget zero = target("zero", 0, 1);
        RouteTarget one = target("one", 1, 2);
        for (int i = 0; i < 1_000; i++) {
            assertThat(CandidateOrder.weighted(List.of(zero, one), null)).containsExactly(one, zero);
            assertThat(CandidateOrder.weighted(List.of(zero, one), "user-" + i)).containsExactly(one, zero);
        }
        // with no weight at all the order is by priority
        RouteTarget other = target("other", 0, 2);
        assertThat(CandidateOrder.weighted(List.of(other, zero), "user-1")).containsExactly(zero, other);
    }

    @Test
    void byFigurePutsTargetsWithoutAFigureFirstThenTheLowest() {
        RouteTarget a = target("a", 1, 1);
        RouteTarget b = target("b", 1, 1);
        RouteTarget c = target("c", 1, 2);
        RouteTarget d = target("d", 1, 2);
        RouteTarget e = target("e", 1, 3);
        RouteTarget f = target("f", 1, 1);
        Map<RouteTarget, Double> figures = Map.of(a, 300.0, b, Double.NaN, c, 100.0, d, Double.NaN, e, 100.0,
                f, 50.0);
        List<RouteTarget> listed = List.of(e, d, c, b, a, f);
        // unknown ones in priority order (b, d); then by figure, equal figures by priority (c before e)
        assertThat(CandidateOrder.byFigure(listed, figures::get)).containsExactly(b, d, f, c, e, a);
        assertThat(CandidateOrder.byFigureKnownFirst(listed, figures::get)).containsExactly(f, c, e, a, b, d);
    }

    @Test
    void byFigureWithEveryFigureUnknownIsByPriority() {
        RouteTarget a = target("a", 1, 2);
        RouteTarget b = target("b", 1, 1);
        assertThat(CandidateOrder.byFigure(List.of(a, b), t -> Double.NaN)).containsExactly(b, a);
        assertThat(CandidateOrder.byFigureKnownFirst(List.of(a, b), t -> Double.NaN)).containsExactly(b, a);
    }

    @Test
    void theStickyHashIsInsideTheOpenUnitInterval() {
        for (int id = 0; id < 10_000; id++) {
            double u = CandidateOrder.unit("user-" + id, "openai/gpt-4o");
            assertThat(u).isGreaterThan(0.0).isLessThan(1.0);
        }
        assertThat(CandidateOrder.unit("user-1", "a")).isEqualTo(CandidateOrder.unit("user-1", "a"))
                .isNotEqualTo(CandidateOrder.unit("user-1", "b"));
    }

    private static RouteTarget target(String model, int weight, int priority) {
        return new RouteTarget(model, weight, priority, null);
    }
}

package io.aigw.policy.routing;

import io.aigw.policy.route.RouteTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;

/**
 * Orders a route's targets for one request: the first is tried first, the rest are its fallbacks by priority.
 * Weighted draws are an exponential race ({@code -ln(u) / weight}, the lowest wins), which picks each target in
 * proportion to its weight; with a sticky caller {@code u} is a hash of the caller and the target instead of a random
 * number (rendezvous hashing), so the same caller keeps the same target while the weights hold, and a weight change
 * moves only the callers it must.
 */
public final class CandidateOrder {

    private CandidateOrder() {
    }

    /** By priority, then as listed. */
    public static List<RouteTarget> byPriority(List<RouteTarget> targets) {
        List<RouteTarget> out = new ArrayList<>(targets);
        out.sort(Comparator.comparingInt(RouteTarget::priority)); // stable: listed order within a priority
        return out;
    }

    /**
     * One target drawn by weight (by the caller's hash when {@code stickyId} is not {@code null}), then the others by
     * priority.
     */
    public static List<RouteTarget> weighted(List<RouteTarget> targets, String stickyId) {
        RouteTarget first = null;
        double best = Double.POSITIVE_INFINITY;
        for (RouteTarget t : targets) {
            if (t.weight() <= 0) {
                continue;
            }
            double u = stickyId == null ? ThreadLocalRandom.current().nextDouble() : unit(stickyId, t.model());
            double score = -Math.log(Math.max(u, Double.MIN_NORMAL)) / t.weight();
            if (score < best) {
                best = score;
                first = t;
            }
        }
        return first == null ? byPriority(targets) : firstThen(first, targets);
    }

    /**
     * Targets with a figure in ascending order of it, those without one ({@code NaN}) first (they need a sample) in
     * priority order; ties by priority.
     */
    public static List<RouteTarget> byFigure(List<RouteTarget> targets, ToDoubleFunction<RouteTarget> figure) {
        List<RouteTarget> ordered = byPriority(targets);
        List<RouteTarget> unknown = new ArrayList<>();
        List<RouteTarget> known = new ArrayList<>();
        double[] values = new double[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            values[i] = figure.applyAsDouble(ordered.get(i));
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (Double.isNaN(values[i])) {
                unknown.add(ordered.get(i));
            } else {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble(i -> values[i])); // stable: priority order among equals
        idx.forEach(i -> known.add(ordered.get(i)));
        unknown.addAll(known);
        return unknown;
    }

    /** Like {@link #byFigure} but targets without a figure go last (e.g. unpriced targets for the cheapest). */
    public static List<RouteTarget> byFigureKnownFirst(List<RouteTarget> targets, ToDoubleFunction<RouteTarget> figure) {
        List<RouteTarget> all = byFigure(targets, figure);
        List<RouteTarget> out = new ArrayList<>(all.size());
        all.stream().filter(t -> !Double.isNaN(figure.applyAsDouble(t))).forEach(out::add);
        all.stream().filter(t -> Double.isNaN(figure.applyAsDouble(t))).forEach(out::add);
        return out;
    }

    private static List<RouteTarget> firstThen(RouteTarget first, List<RouteTarget> targets) {
        List<RouteTarget> out = new ArrayList<>(targets.size());
        out.add(first);
        byPriority(targets).stream().filter(t -> t != first).forEach(out::add);
        return out;
    }

    /** A number in (0, 1) from the caller and the target, the same each time. */
    static double unit(String stickyId, String model) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (stickyId + "\u0000" + model).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33; // finalise (murmur3 fmix64) so close inputs spread over the whole range
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return ((h >>> 11) + 0.5) / (double) (1L << 53);
    }
}

"""What the bench scripts read from wrk's output files, and how they summarise rounds (imported by their reports)."""
import statistics
import sys


def parse(results, name):
    """Requests/s and p50 (ms) of $RESULTS/NAME.txt; exits when the run saw errors (the figures would mislead)."""
    rps = p50 = None
    for line in open(f"{results}/{name}.txt"):
        parts = line.split()
        if "Non-2xx or 3xx responses" in line or "Socket errors" in line:
            sys.exit(f"{name}: INVALID run, {line.strip()}")
        if line.startswith("Requests/sec:"):
            rps = float(parts[1])
        elif len(parts) == 2 and parts[0] == "50%":
            v = parts[1]
            for unit, f in (("us", 0.001), ("ms", 1), ("s", 1000)):
                if v.endswith(unit) and v[:-len(unit)].replace(".", "").isdigit():
                    p50 = float(v[:-len(unit)]) * f
                    break
    return rps, p50


def spread(values, fmt):
    """Median, min and max over the rounds that have a value."""
    values = [v for v in values if v is not None]
    return f"{fmt(statistics.median(values))} (min {fmt(min(values))}, max {fmt(max(values))}, {len(values)} rounds)"

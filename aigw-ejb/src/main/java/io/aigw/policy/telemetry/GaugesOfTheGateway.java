package io.aigw.policy.telemetry;

import io.aigw.jca.api.PoolUsage;
import io.aigw.policy.audit.AuditWriter;
import io.aigw.policy.routing.ConnectionRegistry;
import io.aigw.policy.routing.TargetBreakers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code /metrics} reads at scrape time: connection pools, circuit breakers, the audit queue, and the process
 * (CPU time, JVM memory, threads). Nothing here costs a request anything.
 */
final class GaugesOfTheGateway {

    private static final List<String> BREAKER_STATES = List.of("closed", "half_open", "open");

    private final ConnectionRegistry connections;
    private final TargetBreakers breakers;
    private final AuditWriter audit;

    GaugesOfTheGateway(ConnectionRegistry connections, TargetBreakers breakers, AuditWriter audit) {
        this.connections = connections;
        this.breakers = breakers;
        this.audit = audit;
    }

    List<GaugeFamily> families() {
        return List.of(
                gauge("aigw_pool_connections", "Pooled upstream connections of each connection factory, in use or "
                        + "idle.", List.of("connection", "state"), this::pools),
                gauge("aigw_pool_pending", "Callers waiting for a pooled connection of each connection factory (or "
                        + "for one being created).", List.of("connection"), this::pending),
                gauge("aigw_circuit_breaker_state", "Each route target's circuit breaker: 1 for its current state.",
                        List.of("target", "state"), this::breakerStates),
                gauge("aigw_audit_queue_depth", "Audit events queued or being committed on this server.", List.of(),
                        () -> List.of(new GaugeSample(List.of(), audit.queueDepth()))),
                new GaugeFamily(MetricType.COUNTER, "process_cpu_seconds_total",
                        "CPU time the server process has used.", List.of(), GaugesOfTheGateway::cpu),
                gauge("jvm_memory_used_bytes", "JVM memory in use, heap and non-heap.", List.of("area"),
                        GaugesOfTheGateway::memory),
                gauge("jvm_threads_current", "Live JVM threads.", List.of(),
                        () -> List.of(new GaugeSample(List.of(),
                                ManagementFactory.getThreadMXBean().getThreadCount()))));
    }

    private static GaugeFamily gauge(String name, String help, List<String> labels,
                                     java.util.function.Supplier<List<GaugeSample>> sampler) {
        return new GaugeFamily(MetricType.GAUGE, name, help, labels, sampler);
    }

    private List<GaugeSample> pools() {
        List<GaugeSample> out = new ArrayList<>();
        for (String name : connections.names()) {
            PoolUsage u = connections.factory(name).map(f -> f.poolUsage()).orElse(null);
            if (u != null) {
                out.add(new GaugeSample(List.of(name, "idle"), u.idle()));
                out.add(new GaugeSample(List.of(name, "in_use"), u.inUse()));
            }
        }
        return out;
    }

    private List<GaugeSample> pending() {
        List<GaugeSample> out = new ArrayList<>();
        for (String name : connections.names()) {
            PoolUsage u = connections.factory(name).map(f -> f.poolUsage()).orElse(null);
            if (u != null) {
                out.add(new GaugeSample(List.of(name), u.pending()));
            }
        }
        return out;
    }

    private List<GaugeSample> breakerStates() {
        List<GaugeSample> out = new ArrayList<>();
        for (Map.Entry<String, String> e : breakers.states().entrySet()) {
            for (String state : BREAKER_STATES) {
                out.add(new GaugeSample(List.of(e.getKey(), state), state.equals(e.getValue()) ? 1 : 0));
            }
        }
        return out;
    }

    private static List<GaugeSample> cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            return List.of(new GaugeSample(List.of(), os.getProcessCpuTime() / 1e9));
        }
        return List.of();
    }

    private static List<GaugeSample> memory() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        return List.of(new GaugeSample(List.of("heap"), m.getHeapMemoryUsage().getUsed()),
                new GaugeSample(List.of("nonheap"), m.getNonHeapMemoryUsage().getUsed()));
    }
}

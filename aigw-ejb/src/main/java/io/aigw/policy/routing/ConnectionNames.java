package io.aigw.policy.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Expands {@code aigw.connections}: names as listed, {@code *} for every declared connection not listed. */
final class ConnectionNames {

    private ConnectionNames() {
    }

    /**
     * The names in resolution order.
     *
     * @param configured the configured list
     * @param standard   the standard names, which {@code *} puts first in this order when they are declared
     * @param declared   the names bound in the naming context (asked only when the list has {@code *})
     */
    static List<String> expand(List<String> configured, List<String> standard, Supplier<List<String>> declared) {
        if (!configured.contains("*")) {
            return List.copyOf(new LinkedHashSet<>(configured));
        }
        Set<String> listed = new LinkedHashSet<>(configured);
        listed.remove("*");
        List<String> found = declared.get();
        List<String> rest = new ArrayList<>();
        standard.stream().filter(found::contains).filter(n -> !listed.contains(n)).forEach(rest::add);
        found.stream().filter(n -> !standard.contains(n) && !listed.contains(n)).sorted().forEach(rest::add);
        List<String> out = new ArrayList<>();
        for (String name : configured) {
            if (name.equals("*")) {
                out.addAll(rest);
            } else if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}

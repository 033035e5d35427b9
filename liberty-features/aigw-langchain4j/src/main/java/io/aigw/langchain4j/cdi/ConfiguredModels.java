package io.aigw.langchain4j.cdi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Reads the governed models out of configuration properties: {@code aigw.langchain4j.<kind>.<name>=<gateway model id>}
 * with the kinds of {@link ModelKind}. The name is everything after the kind's prefix (it may contain dots); blank
 * names and blank model ids are skipped with a warning.
 */
public final class ConfiguredModels {

    private static final Logger LOG = Logger.getLogger(ConfiguredModels.class.getName());

    private ConfiguredModels() {
    }

    /** The bindings the properties declare, ordered by kind and name. */
    public static List<ModelBinding> from(Iterable<String> propertyNames, Function<String, Optional<String>> values) {
        List<ModelBinding> bindings = new ArrayList<>();
        for (String property : propertyNames) {
            if (property == null || !property.startsWith(ModelKind.PROPERTY_ROOT)) {
                continue;
            }
            for (ModelKind kind : ModelKind.values()) {
                if (property.startsWith(kind.prefix())) {
                    String name = property.substring(kind.prefix().length()).trim();
                    String model = values.apply(property).map(String::trim).orElse("");
                    if (name.isEmpty() || model.isEmpty()) {
                        LOG.warning("aigw-langchain4j: ignoring '" + property
                                + "': it needs a model name after the prefix and a gateway model id as its value");
                    } else {
                        bindings.add(new ModelBinding(kind, name, model));
                    }
                }
            }
        }
        bindings.sort(Comparator.comparing(ModelBinding::kind).thenComparing(ModelBinding::name));
        return bindings;
    }
}

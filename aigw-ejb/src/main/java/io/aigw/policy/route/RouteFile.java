package io.aigw.policy.route;

import io.aigw.policy.quota.ScopedPolicyStore;
import io.aigw.policy.quota.SpecFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes kept in a JSON file ({@code aigw.routes.file}: {@code {"routes": {"<name>": {<definition>}, ...}}}) for
 * administrators who keep configuration in version control. Read at start and whenever the file changes (its
 * modification time or size); a file that does not parse is reported and the routes read before stay in force.
 * A route whose definition changed gets the next version.
 */
final class RouteFile {

    private static final Logger LOG = Logger.getLogger(RouteFile.class.getName());
    private static final long MAX_BYTES = 4 * 1024 * 1024;

    private final Path path;
    private FileTime seenTime;
    private long seenSize = -1;
    private Map<String, Route> routes = Map.of();

    RouteFile(Path path) {
        this.path = path;
    }

    /** The file's routes, read again if the file changed since the last call. */
    synchronized Map<String, Route> routes() {
        try {
            FileTime time = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (time.equals(seenTime) && size == seenSize) {
                return routes;
            }
            seenTime = time;
            seenSize = size;
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("the file is larger than " + MAX_BYTES + " bytes");
            }
            routes = parse(new String(Files.readAllBytes(path), StandardCharsets.UTF_8), routes);
            LOG.info(() -> "Read " + routes.size() + " route(s) from " + path);
        } catch (IOException | RuntimeException e) {
            if (seenSize != -2) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist" : e.toString();
                LOG.log(Level.WARNING, "Cannot read the routes file " + path + " (aigw.routes.file): " + why
                        + "; the routes read before stay in force (none at start).");
            }
            if (e instanceof IOException) {
                seenSize = -2; // report a missing file once, then again once it reappears and fails
                seenTime = null;
            }
        }
        return routes;
    }

    /** Parses the file's text; versions continue from {@code previous}. */
    static Map<String, Route> parse(String text, Map<String, Route> previous) {
        JsonObject doc = ScopedPolicyStore.parse(text);
        SpecFields.only(doc, "", java.util.Set.of("routes"));
        JsonValue routes = doc.get("routes");
        if (!(routes instanceof JsonObject byName)) {
            throw SpecFields.invalid("routes", "'routes' must be an object of route definitions by name.");
        }
        Map<String, Route> out = new LinkedHashMap<>();
        for (var e : byName.entrySet()) {
            String name = e.getKey();
            if (!name.matches(Route.NAME_PATTERN)) {
                throw SpecFields.invalid("routes", "'" + name + "' is not a valid route name.");
            }
            if (!(e.getValue() instanceof JsonObject definition)) {
                throw SpecFields.invalid("routes." + name, "The route '" + name + "' must be an object.");
            }
            RouteSpec spec;
            try {
                spec = RouteSpec.parse(definition, byName::containsKey);
            } catch (io.aigw.policy.GatewayException invalid) {
                throw SpecFields.invalid("routes." + name + "." + invalid.param(), "Route '" + name + "': "
                        + invalid.getMessage());
            }
            Route before = previous.get(name);
            int version = before == null ? 1 : Objects.equals(before.spec(), spec) ? before.version()
                    : before.version() + 1;
            Instant at = before != null && version == before.version() ? before.changedAt() : Instant.now();
            out.put(name, new Route(name, version, spec, "file", at, "file"));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}

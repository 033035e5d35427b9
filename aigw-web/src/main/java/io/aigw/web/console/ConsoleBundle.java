package io.aigw.web.console;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every file of the console, read once from the web module's {@code WEB-INF/console/} folder. The files but
 * {@code index.html} are served under {@code assets/<version>/}, where the version is a digest of all of them, so a
 * browser may keep them for a year: a new release has a new version and so new addresses. {@code index.html} names
 * that folder (its {@code {{assets}}} placeholders) and is revalidated on every load.
 *
 * @param version the digest of every file
 * @param index   {@code index.html}, with the assets' folder written in
 * @param assets  the other files, by their path under the folder
 */
record ConsoleBundle(String version, ConsoleFile index, Map<String, ConsoleFile> assets) {

    static final String FOLDER = "/WEB-INF/console/";
    private static final String INDEX = "index.html";

    /** The console's files, with each {@code {{name}}} of {@code index.html} replaced by its value in {@code settings}. */
    static ConsoleBundle load(ServletContext context, Map<String, String> settings) {
        Map<String, byte[]> files = new TreeMap<>();
        read(context, FOLDER, files);
        byte[] index = files.remove(INDEX);
        if (index == null) {
            throw new IllegalStateException("the console has no " + FOLDER + INDEX);
        }
        String page = new String(index, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            page = page.replace("{{" + setting.getKey() + "}}", setting.getValue());
        }
        return of(page, files);
    }

    /** The bundle of an index page and its assets (by path). */
    static ConsoleBundle of(String index, Map<String, byte[]> files) {
        StringBuilder all = new StringBuilder();
        Map<String, ConsoleFile> assets = new TreeMap<>();
        files.forEach((path, bytes) -> {
            ConsoleFile file = ConsoleFile.of(path, bytes);
            assets.put(path, file);
            all.append(path).append('\n').append(file.etag()).append('\n');
        });
        all.append(ConsoleFile.digest(index.getBytes(StandardCharsets.UTF_8)));
        String version = ConsoleFile.digest(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        byte[] page = index.replace("{{assets}}", "assets/" + version).getBytes(StandardCharsets.UTF_8);
        return new ConsoleBundle(version, ConsoleFile.of(INDEX, page), Map.copyOf(assets));
    }

    private static void read(ServletContext context, String folder, Map<String, byte[]> into) {
        Set<String> paths = context.getResourcePaths(folder);
        if (paths == null) {
            return;
        }
        for (String path : paths) {
            if (path.endsWith("/")) {
                read(context, path, into);
                continue;
            }
            try (InputStream in = context.getResourceAsStream(path)) {
                into.put(path.substring(FOLDER.length()), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("the console file " + path + " cannot be read", e);
            }
        }
    }
}

package io.aigw.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ConsoleBundleTest {

    private static final String INDEX = "<script type=\"module\" src=\"{{assets}}/app.js\"></script>"
            + "<link rel=\"stylesheet\" href=\"{{assets}}/console.css\">";

    private static Map<String, byte[]> files(String app) {
        return Map.of("app.js", app.getBytes(StandardCharsets.UTF_8),
                "console.css", "body{margin:0}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePageNamesTheAssetsUnderTheirVersion() {
        ConsoleBundle bundle = ConsoleBundle.of(INDEX, files("import './x.js';"));
        assertThat(bundle.version()).matches("[0-9a-f]{16}");
        String page = new String(bundle.index().bytes(), StandardCharsets.UTF_8);
        assertThat(page).isEqualTo("<script type=\"module\" src=\"assets/" + bundle.version() + "/app.js\"></script>"
                + "<link rel=\"stylesheet\" href=\"assets/" + bundle.version() + "/console.css\">");
        assertThat(bundle.index().type()).isEqualTo("text/html;charset=utf-8");
        assertThat(bundle.assets()).containsOnlyKeys("app.js", "console.css");
        assertThat(bundle.assets().get("app.js").type()).isEqualTo("text/javascript;charset=utf-8");
        assertThat(bundle.assets().get("console.css").type()).isEqualTo("text/css;charset=utf-8");
    }

    @Test
    void anyChangedFileChangesTheVersionAndSoEveryAddress() {
        ConsoleBundle one = ConsoleBundle.of(INDEX, files("import './x.js';"));
        ConsoleBundle same = ConsoleBundle.of(INDEX, files("import './x.js';"));
        ConsoleBundle changed = ConsoleBundle.of(INDEX, files("import './y.js';"));
        ConsoleBundle newPage = ConsoleBundle.of(INDEX + "<p>", files("import './x.js';"));
        assertThat(same.version()).isEqualTo(one.version());
        assertThat(same.index().etag()).isEqualTo(one.index().etag());
        assertThat(changed.version()).isNotEqualTo(one.version());
        assertThat(changed.index().etag()).isNotEqualTo(one.index().etag());
        assertThat(newPage.version()).isNotEqualTo(one.version());
        assertThat(changed.assets().get("console.css").etag()).isEqualTo(one.assets().get("console.css").etag());
    }

    @Test
    void largeTextFilesHaveAGzipCopyWithItsOwnTagSmallOnesDoNot() throws IOException {
        String big = "export const x = 1;\n".repeat(200);
        ConsoleFile file = ConsoleFile.of("app.js", big.getBytes(StandardCharsets.UTF_8));
        assertThat(file.gzip()).isNotNull();
        assertThat(file.gzip().length).isLessThan(file.bytes().length / 4);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.gzip()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(big);
        }
        assertThat(file.etag()).matches("\"[0-9a-f]{20}\"");
        assertThat(file.gzipEtag()).isEqualTo(file.etag().replace("\"", "").transform(t -> "\"" + t + "-gz\""));
        assertThat(ConsoleFile.of("tiny.js", "x".getBytes(StandardCharsets.UTF_8)).gzip()).isNull();
        assertThat(ConsoleFile.of("logo.png", big.getBytes(StandardCharsets.UTF_8)).gzip()).isNull();
    }
}

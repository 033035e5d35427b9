package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients written by others: the official {@code openai} and {@code @anthropic-ai/sdk} npm packages (installed by this
 * module's build from its lock file) run {@code src/test/js/clients.test.mjs} against the gateway with node's test
 * runner: plain and streamed chat, tool calls, embeddings (base64 by default), model lists and typed errors.
 */
class RealClientsIT extends GatewayIT {

    @Test
    void theOfficialSdksWorkAgainstTheGateway() throws Exception {
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "--test-timeout=60000",
                "clients.test.mjs").directory(new File(System.getProperty("aigw.js.dir"))).redirectErrorStream(true);
        node.environment().put("AIGW_URL", "http://" + url.getHost() + ":" + url.getPort());
        node.environment().put("AIGW_KEY", Gateway.ADMIN_KEY);
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ℹ fail 0").containsPattern("ℹ pass [1-9]");
    }
}

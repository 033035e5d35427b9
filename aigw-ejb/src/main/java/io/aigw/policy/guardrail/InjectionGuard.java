package io.aigw.policy.guardrail;

import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.guardrail.injection.InjectionDetector;
import io.aigw.policy.guardrail.injection.InjectionScore;
import io.aigw.policy.routing.ModelEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt-injection check as the request path uses it: one {@link InjectionDetector} over the curated attacks
 * shipped with the gateway ({@code META-INF/aigw/guardrails/known-attacks.jsonl}), embedding through
 * {@code aigw.guardrails.injection-model} (by default the in-process local model, so prompts never leave the server)
 * and the connection pool like any other call.
 */
@ApplicationScoped
public class InjectionGuard {

    static final String KNOWN_ATTACKS = "/META-INF/aigw/guardrails/known-attacks.jsonl";

    @Inject
    ModelEmbedder embedder;

    @Inject
    GatewaySettings settings;

    private volatile InjectionDetector detector;

    /** How likely {@code text} is an injection attempt; a {@link io.aigw.policy.GatewayException} when the model cannot embed. */
    public InjectionScore score(String text) {
        return detector().score(text);
    }

    private InjectionDetector detector() {
        InjectionDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    d = new InjectionDetector(knownAttacks(), this::embed);
                    detector = d;
                }
            }
        }
        return d;
    }

    private List<float[]> embed(List<String> texts) {
        return embedder.embed(settings.guardrailsInjectionModel(), texts);
    }

    /** The texts of the curated attack set. */
    static List<String> knownAttacks() {
        List<String> out = new ArrayList<>();
        try (InputStream in = InjectionGuard.class.getResourceAsStream(KNOWN_ATTACKS)) {
            if (in == null) {
                throw new IllegalStateException("missing " + KNOWN_ATTACKS);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    try (var reader = JsonProvider.provider().createReader(new StringReader(line))) {
                        JsonObject o = reader.readObject();
                        out.add(o.getString("text"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}

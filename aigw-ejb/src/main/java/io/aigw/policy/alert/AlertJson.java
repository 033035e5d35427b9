package io.aigw.policy.alert;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** Reading the JSON documents alerts store. */
final class AlertJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AlertJson() {
    }

    static JsonObject parse(String text) {
        try (var r = JSON.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }
}

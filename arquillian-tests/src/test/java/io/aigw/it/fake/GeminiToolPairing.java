package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's pairing of {@code functionCall} and {@code functionResponse} parts in a {@code GenerateContentRequest}: a
 * {@code model} content with function calls comes right after a user content (plain or with function responses); the
 * content right after it answers every call with one {@code functionResponse} part each; a content with function
 * responses comes right after such a function call turn; every response names a function called there (and, when it
 * has an id, answers the call with that id); no response has an empty name. A content without a role is a user
 * content.
 *
 * <p>The 400 {@code INVALID_ARGUMENT} messages are Gemini's. For a response that names no function of the call turn
 * Gemini gives no specific message: the fake answers Google's generic one ({@value #GENERIC}).
 */
final class GeminiToolPairing {

    /** Google's message for an {@code INVALID_ARGUMENT} it does not explain further. */
    static final String GENERIC = "Request contains an invalid argument.";

    static final String CALL_TURN_PLACEMENT = "Please ensure that function call turn comes immediately after a user "
            + "turn or after a function response turn.";
    static final String RESPONSE_TURN_PLACEMENT = "Please ensure that function response turn comes immediately after a "
            + "function call turn.";
    static final String RESPONSE_COUNT = "Please ensure that the number of function response parts is equal to the "
            + "number of function call parts of the function call turn.";

    private GeminiToolPairing() {
    }

    /**
     * Checks the contents in order.
     *
     * @param contents the request's {@code contents}, each an object
     * @throws GeminiError for the first content that breaks the rules
     */
    static void check(JsonArray contents) {
        requireNames(contents);
        for (int i = 0; i < contents.size(); i++) {
            JsonObject content = contents.getJsonObject(i);
            JsonObject previous = i == 0 ? null : contents.getJsonObject(i - 1);
            List<JsonObject> responses = parts(content, "functionResponse");
            if (!responses.isEmpty() && (previous == null || !isModel(previous) || calls(previous).isEmpty())) {
                throw GeminiError.invalid(RESPONSE_TURN_PLACEMENT);
            }
            List<JsonObject> calls = isModel(content) ? calls(content) : List.of();
            if (calls.isEmpty()) {
                continue;
            }
            if (previous == null || isModel(previous)) {
                throw GeminiError.invalid(CALL_TURN_PLACEMENT);
            }
            JsonObject next = i + 1 < contents.size() ? contents.getJsonObject(i + 1) : null;
            List<JsonObject> answers = next == null || isModel(next) ? List.of() : parts(next, "functionResponse");
            if (answers.size() != calls.size()) {
                throw GeminiError.invalid(RESPONSE_COUNT);
            }
            matchByNameAndId(calls, answers);
        }
    }

    /** A field check, made before any pairing: every function response has a name. */
    private static void requireNames(JsonArray contents) {
        for (int i = 0; i < contents.size(); i++) {
            JsonObject content = contents.getJsonObject(i);
            List<JsonObject> responses = parts(content, "functionResponse");
            for (int p = 0; p < responses.size(); p++) {
                String name = JsonSupport.string(responses.get(p), "name");
                if (name == null || name.isEmpty()) {
                    throw GeminiError.invalid("* GenerateContentRequest.contents[" + i + "].parts[" + partIndex(content,
                            "functionResponse", p) + "].function_response.name: Name cannot be empty.\n");
                }
            }
        }
    }

    /** Each response answers a distinct call of the same name (and of the same id when the response has one). */
    private static void matchByNameAndId(List<JsonObject> calls, List<JsonObject> responses) {
        List<JsonObject> open = new ArrayList<>(calls);
        for (JsonObject response : responses) {
            String name = JsonSupport.string(response, "name");
            String id = JsonSupport.string(response, "id");
            JsonObject answered = open.stream()
                    .filter(call -> name.equals(JsonSupport.string(call, "name")))
                    .filter(call -> id == null || id.equals(JsonSupport.string(call, "id")))
                    .findFirst().orElseThrow(() -> GeminiError.invalid(GENERIC));
            open.remove(answered);
        }
    }

    private static boolean isModel(JsonObject content) {
        return "model".equals(JsonSupport.string(content, "role"));
    }

    private static List<JsonObject> calls(JsonObject content) {
        return parts(content, "functionCall");
    }

    /** The {@code kind} objects ({@code functionCall}, {@code functionResponse}) of a content's parts, in order. */
    private static List<JsonObject> parts(JsonObject content, String kind) {
        List<JsonObject> found = new ArrayList<>();
        if (content.get("parts") instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject object && object.get(kind) instanceof JsonObject inner) {
                    found.add(inner);
                }
            }
        }
        return found;
    }

    /** The index among all parts of the {@code n}-th part holding {@code kind}. */
    private static int partIndex(JsonObject content, String kind, int n) {
        JsonArray parts = content.getJsonArray("parts");
        int seen = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof JsonObject object && object.get(kind) instanceof JsonObject) {
                if (seen++ == n) {
                    return i;
                }
            }
        }
        return n;
    }
}

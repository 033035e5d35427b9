package io.aigw.codec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    /** Java class names (packages, exception types) and stack frames must never reach a client. */
    private static void assertClientSafe(InvalidMessageException e) {
        assertThat(e.getMessage())
                .doesNotContainPattern("\\b(java|javax|jakarta|org|com|sun)\\.[a-z]+\\.")
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b")
                .doesNotContain("\tat ")
                .doesNotContain("\n");
        assertThat(e.param()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "not json", "{\"a\":1,}", "{'a':1}", "{\"a\":tru}", "", "   ",
            "{\"a\":\"unterminated}", "{\"a\" 1}"})
    void malformedTextFailsWithAClientSafeMessage(String text) {
        InvalidMessageException e = catchThrowableOfType(() -> JsonText.parseObject(text),
                InvalidMessageException.class);

        assertThat(e).as("parsing '%s'", text).isNotNull();
        assertClientSafe(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "not json", "{\"a\":1,}", "{\"a\":tru}", "", "   ",
            "{\"a\":\"unterminated}", "{\"a\" 1}"})
    void malformedBytesFailWithAClientSafeMessage(String text) {
        InvalidMessageException e = catchThrowableOfType(
                () -> JsonText.parseObject(text.getBytes(StandardCharsets.UTF_8)), InvalidMessageException.class);

        assertThat(e).as("parsing '%s'", text).isNotNull();
        assertThat(e.getMessage()).startsWith("We could not parse the JSON body of your request");
        assertClientSafe(e);
    }

    /** RFC 8259: a JSON text is one value; whatever follows the object is not JSON and must not be ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}}", "{} x", "{\"model\":\"a\"}{\"model\":\"b\"}"})
    void trailingContentAfterTheObjectIsRejected(String text) {
        InvalidMessageException fromText = catchThrowableOfType(() -> JsonText.parseObject(text),
                InvalidMessageException.class);
        InvalidMessageException fromBytes = catchThrowableOfType(
                () -> JsonText.parseObject(text.getBytes(StandardCharsets.UTF_8)), InvalidMessageException.class);

        assertThat(fromText).as("parsing text '%s'", text).isNotNull();
        assertThat(fromBytes).as("parsing bytes '%s'", text).isNotNull();
        assertClientSafe(fromText);
        assertClientSafe(fromBytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"s\"", "42", "null", "true"})
    void aValueThatIsNotAnObjectIsRejected(String text) {
        InvalidMessageException e = catchThrowableOfType(
                () -> JsonText.parseObject(text.getBytes(StandardCharsets.UTF_8)), InvalidMessageException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("The request body must be a JSON object.");
    }

    @Test
    void parsesAndWritesAnObject() {
        String text = "{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":false}}";

        assertThat(JsonText.write(JsonText.parseObject(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(text);
        assertThat(JsonText.write(JsonText.parseObject(text))).isEqualTo(text);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedBeforeParsing() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        InvalidMessageException bytes = catchThrowableOfType(
                () -> JsonText.parseObject(deep.getBytes(StandardCharsets.UTF_8)), InvalidMessageException.class);
        assertThat(bytes.getMessage()).isEqualTo("We could not parse the JSON body of your request: it nests objects "
                + "and arrays deeper than 64 levels.");
        assertClientSafe(bytes);
        assertThat(catchThrowableOfType(() -> JsonText.parseObject(deep), InvalidMessageException.class)).isNotNull();
        String arrays = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertThat(catchThrowableOfType(() -> JsonText.parseObject(arrays), InvalidMessageException.class))
                .isNotNull();
    }

    @Test
    void nestingUpToTheLimitAndBracketsInStringsAreFine() {
        String limit = "{\"a\":".repeat(63) + "[]" + "}".repeat(63);
        assertThat(JsonText.write(JsonText.parseObject(limit))).isEqualTo(limit);
        String text = "{\"s\":\"" + "{[\\\"".repeat(500) + "\"}";
        assertThat(JsonText.parseObject(text.getBytes(StandardCharsets.UTF_8)).getString("s")).startsWith("{[\"");
    }
}

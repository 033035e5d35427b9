package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;

/** A valid neutral request asks for something the Gemini API cannot do. */
public class GeminiUnsupportedException extends InvalidMessageException {
    private static final long serialVersionUID = 1L;

    public GeminiUnsupportedException(String message, String param) {
        super(message, param);
    }
}

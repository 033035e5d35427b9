package io.aigw.jca.api;

/** Why a choice stopped generating, in neutral terms; codecs translate to and from each wire format. */
public enum FinishReason {
    /** Natural end or a stop sequence. */
    STOP,
    /** The token limit was reached. */
    LENGTH,
    /** The model asked for tool calls. */
    TOOL_CALLS,
    /** Output was withheld by the provider's content filter. */
    CONTENT_FILTER,
    /** The provider reported an error for this choice. */
    ERROR
}

package io.aigw.it.fake;

/** A fake provider server started once per test run by {@link FakeUpstreams}. */
public interface FakeUpstream {

    /** The base URL the gateway's connection factory points at. */
    String baseUrl();

    /** Stops the server, closing open exchanges. */
    void stop();
}

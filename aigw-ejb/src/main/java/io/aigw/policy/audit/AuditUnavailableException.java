package io.aigw.policy.audit;

/** The audit store could not commit a record: the gateway must not answer unaudited. */
public class AuditUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

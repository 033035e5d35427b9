package io.aigw.policy.alert;

/**
 * An alert as evaluation and delivery use it.
 *
 * @param name         its name
 * @param spec         what it watches
 * @param url          where it is delivered
 * @param sealedSecret its signing secret, sealed ({@link WebhookSecrets#open})
 */
public record Alert(String name, AlertSpec spec, WebhookUrl url, String sealedSecret) {

    /** Its stored form, read. */
    static Alert of(AlertDefinition d) {
        return new Alert(d.getName(), AlertSpec.parse(AlertJson.parse(d.getSpec())),
                WebhookUrl.stored(d.getWebhookUrl()), d.getSealedSecret());
    }
}

package io.aigw.policy.alert;

import io.aigw.policy.quota.SpecFields;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A webhook's URL, checked: an absolute {@code https} URL (plain {@code http} only to a private-network receiver),
 * without user information or fragment, whose host resolves to public addresses only, unless
 * {@code aigw.alerts.allow-private-networks} allows loopback, private and link-local ones. Deliveries resolve it again
 * and connect to the address they checked ({@link #resolve}), so that the name cannot be pointed elsewhere between
 * the check and the connection. Its query may hold a receiver's token: {@link #redacted()} leaves it out.
 */
public final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private final URI uri;

    private WebhookUrl(URI uri) {
        this.uri = uri;
    }

    /** The URL as given, checked; 400 naming {@code webhook_url} otherwise. */
    public static WebhookUrl parse(String url, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            throw SpecFields.invalid("webhook_url", "Missing required field 'webhook_url'.");
        }
        if (url.length() > MAX_LENGTH) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must be at most " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must be an absolute http(s) URL with a host.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must be an absolute http(s) URL with a host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must not carry user information: the webhook "
                    + "signature authenticates the gateway.");
        }
        if (uri.getRawFragment() != null) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must not have a fragment.");
        }
        WebhookUrl checked = new WebhookUrl(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(checked.bareHost());
        } catch (UnknownHostException e) {
            throw SpecFields.invalid("webhook_url", "The host of 'webhook_url' ('" + uri.getHost()
                    + "') does not resolve.");
        }
        boolean allPublic = true;
        for (InetAddress a : addresses) {
            allPublic &= WebhookAddresses.isPublic(a);
        }
        if (!allPublic && !allowPrivate) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' points at a private, loopback or link-local "
                    + "address ('" + uri.getHost() + "'); the gateway sends webhooks to public addresses only "
                    + "unless aigw.alerts.allow-private-networks is true.");
        }
        if (allPublic && !scheme.equals("https")) {
            throw SpecFields.invalid("webhook_url", "'webhook_url' must be an https URL: plain http is accepted only "
                    + "for receivers on private networks (with aigw.alerts.allow-private-networks).");
        }
        return checked;
    }

    /** A URL stored when its alert was saved (checked then; {@link #resolve} checks its address at each delivery). */
    static WebhookUrl stored(String url) {
        return new WebhookUrl(URI.create(url));
    }

    /**
     * The address to connect to, checked again now (the name may resolve differently than when the alert was saved).
     *
     * @throws UnknownHostException when the host does not resolve, or resolves to a refused address
     */
    InetAddress resolve(boolean allowPrivate) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(bareHost());
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!WebhookAddresses.isPublic(a)) {
                    throw new UnknownHostException(uri.getHost() + " resolves to a non-public address");
                }
            }
        }
        return addresses[0];
    }

    /** The URL as given (query included): only for sending. */
    public String full() {
        return uri.toString();
    }

    /** {@link #redacted()} of a stored URL. */
    public static String redactedOf(String url) {
        return stored(url).redacted();
    }

    /** Scheme, host, port and path, without the query: what is shown, logged and audited. */
    public String redacted() {
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path
                + (uri.getRawQuery() == null ? "" : "?redacted");
    }

    boolean tls() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    int port() {
        return uri.getPort() > 0 ? uri.getPort() : tls() ? 443 : 80;
    }

    /** The host as the {@code Host} header names it (an IPv6 literal in brackets). */
    String host() {
        return uri.getHost();
    }

    /** The host without an IPv6 literal's brackets. */
    String bareHost() {
        String h = uri.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** Path and query, as the request line names them. */
    String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}

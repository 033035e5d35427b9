package io.aigw.jca.provider.http;

import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.ProviderSettings.ImageFetchSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an image content part into bytes: decodes {@code data:} URLs and fetches {@code http(s)} URLs under the
 * connection's {@link ImageFetchSettings} (public addresses only unless allowed, size and time caps). Problems with
 * the client's image are {@link Kind#BAD_REQUEST}. Redirects are followed (at most three), each target checked
 * again; the connection goes to the very address that was checked. A request's images share one {@link Budget}: how
 * many there may be, how many bytes and how much time they may take together, so that no request can hold a thread, a
 * pooled connection and the heap for long. Thread-safe.
 */
public final class ImageFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 3;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ImageFetchSettings settings;

    private final String connectionName;
    private final EgressProxy proxy;

    /**
     * @param connectionName the connection fetching for its provider (named in messages)
     * @param settings       the connection's limits
     */
    public ImageFetcher(String connectionName, ImageFetchSettings settings) {
        this(connectionName, settings, EgressProxy.NONE);
    }

    /**
     * @param proxy the connection's proxy: URLs whose host it applies to are fetched through it. The host is still
     *              checked where this server can resolve it; where only the proxy can, the proxy's own egress rules
     *              decide
     */
    public ImageFetcher(String connectionName, ImageFetchSettings settings, EgressProxy proxy) {
        this.connectionName = connectionName;
        this.settings = settings;
        this.proxy = proxy;
    }

    /** What one request's images may still take: created per request, used for each of its images in turn. */
    public final class Budget {
        private int images;
        private long bytesLeft = settings.maxTotalBytes();
        private final long deadline = System.nanoTime() + settings.totalTimeout().toNanos();

        private Budget() {
        }
    }

    /** A budget for the images of one request. */
    public Budget budget() {
        return new Budget();
    }

    /** The image's bytes and media type, within the request's budget. */
    public ImageBytes load(ImagePart image, Budget budget) throws ProviderException {
        if (++budget.images > settings.maxImages()) {
            throw badImage("A request to connection '" + connectionName + "' may carry at most "
                    + settings.maxImages() + " images.");
        }
        ImageBytes loaded = image.inline() ? decodeDataUrl(image.url()) : fetch(image.url(), budget);
        budget.bytesLeft -= loaded.data().length;
        if (budget.bytesLeft < 0) {
            throw tooMuch();
        }
        return loaded;
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private ProviderException tooMuch() {
        return badImage("The images of a request to connection '" + connectionName + "' may take at most "
                + settings.maxTotalBytes() + " bytes together.");
    }

    private ImageBytes fetch(String url, Budget budget) throws ProviderException {
        URI uri = parse(url);
        long deadline = Math.min(System.nanoTime() + settings.timeout().toNanos(), budget.deadline);
        if (deadline - System.nanoTime() <= 0) {
            throw badImage("Fetching the images of a request took longer than " + describe(settings.totalTimeout())
                    + ".");
        }
        long maxBytes = Math.min(settings.maxBytes(), Math.max(0, budget.bytesLeft));
        for (int redirects = 0; ; redirects++) {
            PinnedHttpGet.Response response = getOnce(uri, deadline, maxBytes);
            String location = response.headers().get("location");
            if (REDIRECTS.contains(response.status()) && location != null) {
                if (redirects >= MAX_REDIRECTS) {
                    throw badImage("The image URL redirected more than " + MAX_REDIRECTS + " times.");
                }
                uri = parse(uri.resolve(location).toString());
                continue;
            }
            if (response.status() != 200) {
                throw badImage("The image URL answered HTTP " + response.status() + ".");
            }
            String mediaType = response.headers().getOrDefault("content-type", "").split(";", 2)[0].trim()
                    .toLowerCase(Locale.ROOT);
            if (!mediaType.startsWith("image/")) {
                throw badImage("The image URL did not return an image (Content-Type '" + mediaType + "').");
            }
            return new ImageBytes(mediaType, response.body());
        }
    }

    private PinnedHttpGet.Response getOnce(URI uri, long deadline, long maxBytes) throws ProviderException {
        InetAddress address = proxy.appliesTo(uri.getHost()) ? resolveIfPossible(uri.getHost()) : resolve(uri.getHost());
        try {
            return PinnedHttpGet.get(uri, address, proxy, maxBytes, deadline);
        } catch (PinnedHttpGet.TooLargeException e) {
            throw maxBytes < settings.maxBytes() ? tooMuch()
                    : badImage("The image at the URL is larger than " + settings.maxBytes() + " bytes.");
        } catch (SocketTimeoutException e) {
            throw badImage("Fetching the image URL took longer than the time left for the request's images ("
                    + describe(settings.timeout()) + " an image, " + describe(settings.totalTimeout()) + " in all).");
        } catch (IOException e) {
            throw badImage("Connection '" + connectionName + "' could not fetch the image URL (" + e.getMessage()
                    + ").");
        }
    }

    /** For a fetch through the proxy: the host checked like {@link #resolve}, unless only the proxy can resolve it. */
    private InetAddress resolveIfPossible(String host) throws ProviderException {
        try {
            InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
        return resolve(host);
    }

    /** Resolves the host; every address it has must be allowed, and the fetch connects to the one checked. */
    private InetAddress resolve(String host) throws ProviderException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw badImage("The image URL's host '" + host + "' does not resolve.");
        }
        if (!settings.allowPrivateNetworks()) {
            for (InetAddress a : addresses) {
                if (!PublicAddresses.isPublic(a)) {
                    throw badImage("The image URL's host '" + host + "' is not a public internet address; the gateway"
                            + " does not fetch from private, loopback or link-local networks.");
                }
            }
        }
        return addresses[0];
    }

    private static URI parse(String url) throws ProviderException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badImage("The image URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw badImage("An image URL must be an http(s) URL with a host, or a data URL.");
        }
        if (uri.getRawUserInfo() != null) {
            throw badImage("An image URL must not carry user information.");
        }
        return uri;
    }

    /** Decodes {@code data:<media type>;base64,<data>}. */
    static ImageBytes decodeDataUrl(String url) throws ProviderException {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw badImage("An image data URL must be 'data:<media type>;base64,<data>'.");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length()).trim();
        if (!mediaType.startsWith("image/")) {
            throw badImage("An image data URL must have an image media type, not '" + mediaType + "'.");
        }
        try {
            String base64 = WHITESPACE.matcher(url.substring(comma + 1)).replaceAll("");
            return new ImageBytes(mediaType, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw badImage("An image data URL does not hold valid base64.");
        }
    }

    static ProviderException badImage(String message) {
        return new ProviderException(Kind.BAD_REQUEST, message);
    }
}

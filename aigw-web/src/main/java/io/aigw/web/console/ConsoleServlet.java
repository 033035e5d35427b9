package io.aigw.web.console;

import io.aigw.web.http.WebSettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Serves the console: {@code /console} redirects to {@code /console/}, which is the page (revalidated on every load
 * with its entity tag: {@code Cache-Control: no-cache}); {@code /console/assets/<version>/<file>} are its scripts and
 * styles, kept by browsers and proxies for a year ({@code immutable}) because their address changes with their
 * content. Anything else under {@code /console/}, an older version's file included, is 404. Files go out gzipped to
 * clients that accept it. Every answer forbids framing, sniffing and referrers, and the page's Content Security
 * Policy allows only this origin's scripts, styles and API calls: nothing inline, nothing from elsewhere.
 * {@code aigw.console.enabled=false} turns the console off (404); {@code aigw.console.idle-timeout} is written into the
 * page, whose script signs out after that long without the user's input.
 */
@WebServlet(name = "aigw-console", urlPatterns = "/console/*", loadOnStartup = 1)
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    static final String FOREVER = "public, max-age=31536000, immutable";
    private static final String ASSETS = "/assets/";

    @Inject
    transient WebSettings settings;

    private transient ConsoleBundle bundle;

    @Override
    public void init() throws ServletException {
        bundle = ConsoleBundle.load(getServletContext(),
                Map.of("idle-timeout", String.valueOf(settings.consoleIdleTimeout().toSeconds())));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        if (!settings.consoleEnabled()) {
            notFound(response);
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.isEmpty()) {
            response.setHeader("Cache-Control", "no-cache");
            response.sendRedirect(request.getContextPath().replaceAll("/$", "") + "/console/");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            send(bundle.index(), "no-cache", request, response);
            return;
        }
        ConsoleFile asset = asset(path);
        if (asset == null) {
            notFound(response);
            return;
        }
        send(asset, FOREVER, request, response);
    }

    /** The file at {@code /assets/<version>/<path>} of the current version, or {@code null}. */
    private ConsoleFile asset(String path) {
        String prefix = ASSETS + bundle.version() + "/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        return bundle.assets().get(path.substring(prefix.length()));
    }

    private static void send(ConsoleFile file, String caching, HttpServletRequest request,
                             HttpServletResponse response) throws IOException {
        boolean gzip = file.gzip() != null && AcceptEncoding.allowsGzip(request.getHeader("Accept-Encoding"));
        String etag = gzip ? file.gzipEtag() : file.etag();
        response.setHeader("Cache-Control", caching);
        response.setHeader("ETag", etag);
        if (file.gzip() != null) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        if (EntityTags.matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = gzip ? file.gzip() : file.bytes();
        response.setContentType(file.type());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write("Not found.\n");
    }
}

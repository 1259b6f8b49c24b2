package io.convoc.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries: no MIME sniffing, no referrer (signed links travel in URLs), never framed. The
 * console's pages also get a Content-Security-Policy that allows only its own files: no inline script or style, no
 * other origin but the sign-in domain it exchanges a code with.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {
    private final String consolePolicy;

    public SecurityHeaders(ConsoleSettings settings) {
        String tokenUrl = settings.view().tokenUrl();
        String signIn = tokenUrl == null || tokenUrl.startsWith("/") ? "" : " " + origin(tokenUrl);
        this.consolePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + signIn + "; form-action 'self'" + signIn + "; base-uri 'none'; "
                + "frame-ancestors 'none'";
    }

    @ResponseFilter
    public void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", "no-referrer");
        }
        headers.set("X-Frame-Options", "DENY");
        if (request.getPath().startsWith("/console")) {
            headers.set("Content-Security-Policy", consolePolicy);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        } else if (!headers.contains("Content-Security-Policy")) {
            // pages outside the console (the unsubscribe page) keep their inline styles, never framed either
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}

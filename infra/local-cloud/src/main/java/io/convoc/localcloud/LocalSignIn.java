package io.convoc.localcloud;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cognito's hosted sign-in, locally, at {@value #PATH}: the OAuth endpoints the console uses in AWS
 * ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /logout}), for an organizer and a protocol officer whose
 * passwords are made once per data folder ({@code secrets/console-users.properties}, readable by its owner only).
 * The authorization-code flow with PKCE (S256) as Cognito runs it for a public client: a code is good once, for
 * five minutes, for the verifier whose challenge came with it; the tokens are {@link LocalIdentity}'s, so the local
 * API Gateway takes them as it takes the printed ones.
 */
public final class LocalSignIn {
    public static final String PATH = "/local-auth";
    static final List<String> USERS = List.of("organizer", "protocol");
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8); // the app client's IdTokenValidity
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalIdentity identity;
    private final Map<String, String> passwords;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    private record Grant(String user, String clientId, String redirectUri, String challenge, Instant expires) {
    }

    LocalSignIn(LocalIdentity identity, Map<String, String> passwords, Clock clock) {
        this.identity = identity;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The sign-in of the pool {@code identity}, its users' passwords read from (or made in) {@code dir}. */
    public static LocalSignIn of(Path dir, LocalIdentity identity) {
        Path file = dir.resolve("secrets").resolve("console-users.properties");
        java.util.Properties stored = new java.util.Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            boolean changed = false;
            for (String user : USERS) {
                if (stored.getProperty(user) == null) {
                    byte[] bytes = new byte[9];
                    RANDOM.nextBytes(bytes);
                    stored.setProperty(user, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                    changed = true;
                }
            }
            if (changed) {
                StringBuilder out = new StringBuilder("# the local console's users and their passwords\n");
                USERS.forEach(u -> out.append(u).append('=').append(stored.getProperty(u)).append('\n'));
                LocalFiles.writePrivate(file, out.toString());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        USERS.forEach(u -> passwords.put(u, stored.getProperty(u)));
        return new LocalSignIn(identity, passwords, Clock.systemUTC());
    }

    /** The password of a local user ({@code organizer}, {@code protocol}). */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no local user " + user + "; there are " + USERS);
        }
        return password;
    }

    /** The base URL the api function gives the console ({@code CONSOLE_SIGN_IN_URL}): this gateway's, under PATH. */
    public static String baseUrl(String gatewayUrl) {
        return gatewayUrl + PATH;
    }

    boolean handles(String path) {
        return path.startsWith(PATH + "/");
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(PATH.length());
        String method = exchange.getRequestMethod();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        switch (method + " " + path) {
            case "GET /oauth2/authorize" -> authorizePage(exchange, query, null);
            case "POST /oauth2/authorize" -> signIn(exchange, query, form(body(exchange)));
            case "POST /oauth2/token" -> token(exchange, form(body(exchange)));
            case "GET /logout" -> logout(exchange, query);
            default -> LocalHttp.send(exchange, 404, Map.of("content-type", "application/json"),
                    "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void authorizePage(HttpExchange exchange, Map<String, String> query, String error) throws IOException {
        String problem = requestError(query);
        if (problem != null) {
            text(exchange, 400, problem);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge",
                "code_challenge_method")) {
            if (query.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(query.get(name))).append("\">");
            }
        }
        StringBuilder blocks = new StringBuilder();
        for (Locale locale : List.of(Locale.FRENCH, Locale.forLanguageTag("ar"))) {
            boolean ar = locale.getLanguage().equals("ar");
            blocks.append("<section lang=\"").append(locale.getLanguage()).append("\" dir=\"")
                    .append(ar ? "rtl" : "ltr").append("\"><h1>").append(words(locale, "title")).append("</h1><p>")
                    .append(words(locale, "hint", String.join(", ", USERS))).append("</p>");
            if (error != null) {
                blocks.append("<p role=\"alert\" class=\"error\">").append(words(locale, error)).append("</p>");
            }
            blocks.append("</section>");
        }
        String page = "<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + words(Locale.FRENCH, "title") + " | " + words(Locale.forLanguageTag("ar"), "title") + "</title>"
                + "</head><body>" + blocks + "<form method=\"post\">" + hidden
                + "<p><label for=\"username\">" + both("username") + "</label><br>"
                + "<input id=\"username\" name=\"username\" autocomplete=\"username\" required></p>"
                + "<p><label for=\"password\">" + both("password") + "</label><br>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>"
                + "<p><button id=\"sign-in\" type=\"submit\">" + both("submit") + "</button></p></form></body></html>";
        LocalHttp.send(exchange, error == null ? 200 : 401, Map.of("content-type", "text/html;charset=utf-8",
                "cache-control", "no-store", "content-security-policy", "default-src 'none'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'"),
                page.getBytes(StandardCharsets.UTF_8));
    }

    private void signIn(HttpExchange exchange, Map<String, String> query, Map<String, String> form)
            throws IOException {
        Map<String, String> request = new LinkedHashMap<>(query);
        request.putAll(form);
        String problem = requestError(request);
        if (problem != null) {
            text(exchange, 400, problem);
            return;
        }
        String user = request.getOrDefault("username", "").strip();
        String password = passwords.get(user);
        if (password == null || !MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                request.getOrDefault("password", "").getBytes(StandardCharsets.UTF_8))) {
            authorizePage(exchange, request, "wrong");
            return;
        }
        String code = randomCode();
        codes.put(code, new Grant(user, request.get("client_id"), request.get("redirect_uri"),
                request.get("code_challenge"), clock.instant().plus(CODE_LIFETIME)));
        String redirect = request.get("redirect_uri");
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (request.get("state") == null ? "" : "&state=" + URLEncoder.encode(request.get("state"),
                StandardCharsets.UTF_8));
        LocalHttp.send(exchange, 302, Map.of("location", location, "cache-control", "no-store"), new byte[0]);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type"))) {
            oauthError(exchange, "unsupported_grant_type");
            return;
        }
        if (grant == null || grant.expires().isBefore(clock.instant())
                || !grant.clientId().equals(form.get("client_id"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(challengeOf(form.getOrDefault("code_verifier", "")))) {
            oauthError(exchange, "invalid_grant");
            return;
        }
        String token = identity.token("local." + grant.user(), List.of(grant.user()), TOKEN_LIFETIME);
        String json = "{\"id_token\":\"" + token + "\",\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + TOKEN_LIFETIME.toSeconds() + "}";
        LocalHttp.send(exchange, 200, Map.of("content-type", "application/json", "cache-control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private void logout(HttpExchange exchange, Map<String, String> query) throws IOException {
        String target = query.get("logout_uri");
        if (target == null || !local(target) || !identity.audience().equals(query.get("client_id"))) {
            text(exchange, 400, "logout_uri must be a local address and client_id the app client");
            return;
        }
        LocalHttp.send(exchange, 302, Map.of("location", target, "cache-control", "no-store"), new byte[0]);
    }

    /** What Cognito would refuse in an authorization request, or null. */
    private String requestError(Map<String, String> request) {
        if (!"code".equals(request.get("response_type"))) {
            return "response_type must be code";
        }
        if (!identity.audience().equals(request.get("client_id"))) {
            return "client_id is not the user pool's app client";
        }
        if (request.get("redirect_uri") == null || !local(request.get("redirect_uri"))) {
            return "redirect_uri must be a local address";
        }
        if (request.get("code_challenge") == null || !"S256".equals(request.get("code_challenge_method"))) {
            return "PKCE with code_challenge_method=S256 is required";
        }
        return null;
    }

    private static boolean local(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomCode() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void oauthError(HttpExchange exchange, String error) throws IOException {
        LocalHttp.send(exchange, 400, Map.of("content-type", "application/json", "cache-control", "no-store"),
                ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        LocalHttp.send(exchange, status, Map.of("content-type", "text/plain;charset=utf-8"),
                message.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readNBytes(16_384), StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String words(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("io.convoc.localcloud.sign-in", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return escape(new MessageFormat(bundle.getString(key), locale).format(args));
    }

    private static String both(String key) {
        return "<span lang=\"fr\">" + words(Locale.FRENCH, key) + "</span> / <span lang=\"ar\" dir=\"rtl\">"
                + words(Locale.forLanguageTag("ar"), key) + "</span>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

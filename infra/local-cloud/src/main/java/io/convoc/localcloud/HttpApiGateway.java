package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What API Gateway's HTTP API does for the api function, on localhost: each HTTP request whose method and path
 * match a route of the template (the most specific one, greedy paths last) becomes a payload v2 event for the real
 * handler, and the handler's answer becomes the HTTP response. No route → 404, as API Gateway answers. A route under
 * the API's JWT authorizer (the default one, unless the route says {@code Authorizer: NONE}) needs a token the
 * local user pool ({@link LocalIdentity}) signed, for the template's issuer and audience, unexpired: else 401, as
 * the authorizer answers; the token's claims reach the function in {@code requestContext.authorizer.jwt.claims}.
 */
public final class HttpApiGateway implements AutoCloseable {
    private static final Pattern TEXT = Pattern.compile(
            "^(text/.*|application/(json|problem\\+json|xml|x-www-form-urlencoded|csv).*)$");

    private final HttpServer server;
    private RequestLineFixer front;
    private final List<Route> routes;
    private volatile LocalSignIn signIn;
    private final String functionName;
    private final LocalIdentity identity;

    /** One route of the template: {@code ANY} or a method, its path, and whether the JWT authorizer guards it. */
    record Route(String method, String path, Pattern pattern, boolean authorized,
                 RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        boolean matches(String requestMethod, String requestPath) {
            return (method.equals("ANY") || method.equalsIgnoreCase(requestMethod))
                    && pattern.matcher(requestPath).matches();
        }

        /**
         * API Gateway prefers the most specific route: a greedy variable comes last, then more variables, then a
         * shorter literal part ({@code /api/public/{proxy+}} before {@code /api/{proxy+}}), then ANY.
         */
        int specificity() {
            int greedy = path.contains("+}") ? 1 : 0;
            int variables = (int) path.chars().filter(c -> c == '{').count();
            int literal = path.replaceAll("\\{[^}]*}", "").length();
            return greedy * 100_000 + variables * 1_000 - literal * 2 + (method.equals("ANY") ? 1 : 0);
        }

        String key() {
            return method + " " + path;
        }
    }

    private HttpApiGateway(HttpServer server, String functionName, List<Route> routes, LocalIdentity identity) {
        this.server = server;
        this.functionName = functionName;
        this.routes = routes;
        this.identity = identity;
    }

    /**
     * Serves the HttpApi routes of {@code functionLogicalId} with {@code handler}.
     *
     * @param port 0 for any free port
     */
    public static HttpApiGateway start(Template template, String functionLogicalId,
                                       RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                       String host, int port, LocalIdentity identity) throws IOException {
        List<Route> routes = new java.util.ArrayList<>();
        Template.map(template.function(functionLogicalId).get("Events")).values().forEach(e -> {
            Map<String, Object> event = Template.map(e);
            if ("HttpApi".equals(event.get("Type"))) {
                Map<String, Object> properties = Template.map(event.get("Properties"));
                String path = (String) properties.get("Path");
                String method = String.valueOf(properties.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT);
                Object authorizer = Template.map(properties.get("Auth")).get("Authorizer");
                boolean open = "NONE".equals(authorizer) || defaultAuthorizer(template) == null;
                routes.add(new Route(method, path, routePattern(path), !open, handler));
            }
        });
        routes.sort(java.util.Comparator.comparingInt(Route::specificity));
        HttpApiGateway[] gateway = new HttpApiGateway[1];
        // the JDK server behind a front that passes on the paths API Gateway passes on (a bare %), see RequestLineFixer
        HttpServer server = LocalHttp.start("127.0.0.1", 0, 4, exchange -> gateway[0].handle(exchange));
        gateway[0] = new HttpApiGateway(server, functionLogicalId, routes, identity);
        try {
            gateway[0].front = RequestLineFixer.start(host, port, server.getAddress().getPort());
        } catch (IOException e) {
            LocalHttp.stop(server);
            throw e;
        }
        return gateway[0];
    }

    /** The HttpApi's default authorizer, or null when its routes are open. */
    static Map<String, Object> defaultAuthorizer(Template template) {
        for (Template.Resource api : template.resourcesOfType("AWS::Serverless::HttpApi").values()) {
            Map<String, Object> auth = Template.map(api.properties().get("Auth"));
            Object name = auth.get("DefaultAuthorizer");
            if (name != null) {
                return Template.map(Template.map(auth.get("Authorizers")).get(String.valueOf(name)));
            }
        }
        return null;
    }

    /** {@code /api/{proxy+}} matches /api/anything/below; {@code {name}} one segment. */
    static Pattern routePattern(String path) {
        String regex = Pattern.quote(path)
                .replaceAll("\\{[^}/]+\\+}", "\\\\E.+\\\\Q")
                .replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        return Pattern.compile("^" + regex + "$");
    }

    public int port() {
        return front.port();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    /** Serves the user pool's hosted sign-in too ({@link LocalSignIn#PATH}), as Cognito's domain does in AWS. */
    public HttpApiGateway withSignIn(LocalSignIn signIn) {
        this.signIn = signIn;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            if (signIn != null && signIn.handles(path)) {
                signIn.handle(exchange);
                return;
            }
            Route route = routes.stream().filter(r -> r.matches(exchange.getRequestMethod(), path)).findFirst()
                    .orElse(null);
            if (route == null) {
                send(exchange, 404, Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPEvent event = toEvent(exchange, route);
            if (route.authorized()) {
                Map<String, String> claims = identity == null ? null
                        : identity.verify(event.getHeaders().get("authorization")).orElse(null);
                if (claims == null) {
                    send(exchange, 401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                            "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims).withScopes(List.of()).build()).build());
            }
            APIGatewayV2HTTPResponse response;
            try {
                response = route.handler().handleRequest(event, new LocalContext(functionName, 1536, 30));
            } catch (RuntimeException e) {
                e.printStackTrace();
                send(exchange, 500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            if (response.getHeaders() != null) {
                headers.putAll(response.getHeaders());
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            }
            send(exchange, response.getStatusCode(), headers, body);
        }
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, Route route) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = raw.length == 0 || TEXT.matcher(contentType.toLowerCase(Locale.ROOT)).matches();
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(k, v, (a, b) -> a + "," + b);
        }
        String method = exchange.getRequestMethod();
        String path = uri.getRawPath();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.key())
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(raw.length == 0 ? null : text ? new String(raw, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(raw))
                .withIsBase64Encoded(raw.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(LocalCloud.ACCOUNT)
                        .withApiId("local")
                        .withDomainName("localhost")
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
                                Locale.ENGLISH)))
                        .withTimeEpoch(System.currentTimeMillis())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        LocalHttp.send(exchange, status, headers, body);
    }

    @Override
    public void close() {
        front.close();
        LocalHttp.stop(server);
    }

    /** The handler class a template function names, created as Lambda creates it (public no-arg constructor). */
    @SuppressWarnings("unchecked")
    public static <T> T newHandler(Template template, String functionLogicalId) {
        String handler = (String) template.function(functionLogicalId).get("Handler");
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            return (T) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handler + " of " + functionLogicalId, e);
        }
    }

    /** The routes served, most specific first: {@code GET /api/verify/{proxy+}}… */
    public List<String> routes() {
        return routes.stream().map(Route::key).toList();
    }
}

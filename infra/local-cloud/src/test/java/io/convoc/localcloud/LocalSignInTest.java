package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local user pool's hosted sign-in, as the console uses it: the authorization-code flow with PKCE, whose
 * tokens the local API Gateway's authorizer takes, and what Cognito refuses refused here too.
 */
class LocalSignInTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-long-for-pkce-0123456789";
    @TempDir
    static Path dir;
    private static HttpApiGateway gateway;
    private static LocalIdentity identity;
    private static LocalSignIn signIn;

    @BeforeAll
    static void start() throws Exception {
        identity = LocalIdentity.of(dir, "https://issuer.local", "console-client");
        signIn = LocalSignIn.of(dir, identity);
        Template template = Template.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Events:
                        Get:
                          Type: HttpApi
                          Properties:
                            Path: /api/me
                            Method: GET
                """);
        gateway = HttpApiGateway.start(template, "Fn", (APIGatewayV2HTTPEvent e, com.amazonaws.services.lambda.runtime.Context c) -> {
            APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
            r.setStatusCode(200);
            r.setBody("ok");
            return r;
        }, "127.0.0.1", 0, identity).withSignIn(signIn);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, String> authorization(String redirect) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", "console-client");
        query.put("redirect_uri", redirect);
        query.put("state", "s-1");
        query.put("code_challenge", LocalSignIn.challengeOf(VERIFIER));
        query.put("code_challenge_method", "S256");
        return query;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String codeFor(String user, String password) throws Exception {
        Map<String, String> fields = authorization("http://localhost:9999/console/signed-in");
        fields.put("username", user);
        fields.put("password", password);
        HttpResponse<String> signedIn = post("/local-auth/oauth2/authorize", fields);
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://localhost:9999/console/signed-in?code="), location);
        assertTrue(location.endsWith("&state=s-1"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private static HttpResponse<String> token(String code, String verifier) throws Exception {
        return post("/local-auth/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", "console-client",
                "code", code, "redirect_uri", "http://localhost:9999/console/signed-in", "code_verifier", verifier));
    }

    @Test
    void aPersonWhoSignsInGetsATokenTheGatewayTakesWithTheirRole() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url()
                + "/local-auth/oauth2/authorize?" + form(authorization("http://localhost:9999/console/signed-in")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Mot de passe") && page.body().contains("كلمة المرور"), page.body());
        HttpResponse<String> tokens = token(codeFor("protocol", signIn.password("protocol")), VERIFIER);
        assertEquals(200, tokens.statusCode(), tokens.body());
        String idToken = tokens.body().replaceAll(".*\"id_token\":\"([^\"]+)\".*", "$1");
        Map<String, String> claims = identity.verify("Bearer " + idToken).orElseThrow();
        assertEquals("[protocol]", claims.get("cognito:groups"));
        HttpResponse<String> call = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/me"))
                .header("Authorization", "Bearer " + idToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, call.statusCode());
    }

    @Test
    void aWrongPasswordShowsThePageAgainWithTheErrorAndNoCode() throws Exception {
        Map<String, String> fields = authorization("http://localhost:9999/console/signed-in");
        fields.put("username", "organizer");
        fields.put("password", "not-the-password");
        HttpResponse<String> again = post("/local-auth/oauth2/authorize", fields);
        assertEquals(401, again.statusCode());
        assertTrue(again.body().contains("role=\"alert\""), again.body());
        assertTrue(again.headers().firstValue("Location").isEmpty());
    }

    @Test
    void aCodeIsGoodOnceAndOnlyForTheVerifierOfItsChallenge() throws Exception {
        String code = codeFor("organizer", signIn.password("organizer"));
        assertEquals(400, token(code, VERIFIER + "x").statusCode(), "another verifier");
        assertTrue(token(code, VERIFIER).body().contains("invalid_grant"), "the code was spent by the failed try");
        String second = codeFor("organizer", signIn.password("organizer"));
        assertEquals(200, token(second, VERIFIER).statusCode());
        assertEquals(400, token(second, VERIFIER).statusCode(), "a code is good once");
    }

    @Test
    void aRequestWithoutPkceOrForAnotherSiteIsRefused() throws Exception {
        Map<String, String> noPkce = authorization("http://localhost:9999/console/signed-in");
        noPkce.remove("code_challenge");
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/local-auth/oauth2/authorize?"
                + form(noPkce))).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/local-auth/oauth2/authorize?"
                + form(authorization("https://evil.example/steal")))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    @Test
    void passwordsAreKeptForTheDataFolderAndReadableByItsOwnerOnly() throws Exception {
        assertEquals(signIn.password("organizer"), LocalSignIn.of(dir, identity).password("organizer"));
        Path file = dir.resolve("secrets").resolve("console-users.properties");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(file)));
        }
    }
}

package io.convoc.api.console;

import io.convoc.api.ApiHandler;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's files through the local API Gateway, with no token, as a browser first asks for them. */
@ExtendWith(LocalCloudExtension.class)
class ConsoleControllerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path STATIC = Path.of("src/main/resources/io/convoc/api/console/static");
    private static ApiHandler handler;
    private static HttpApiGateway gateway;

    @BeforeAll
    static void start(LocalCloud cloud) throws Exception {
        handler = new ApiHandler();
        gateway = HttpApiGateway.start(cloud.template(), "ApiFunction", handler, "127.0.0.1", 0, cloud.identity());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsolePageComesWithAPolicyThatAllowsOnlyItsOwnScriptsAndNoFraming() throws Exception {
        HttpResponse<String> page = get("/console");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
        // nothing inline for the policy to refuse: every script is a file of the console
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page.body()).find(), page.body());
        assertFalse(page.body().contains("style=\""), page.body());
        assertEquals(200, get("/console/signed-in").statusCode());
    }

    @Test
    void everyFileOfTheConsoleIsServedWithItsTypeAndNothingOutsideIt() throws Exception {
        HttpResponse<String> script = get("/console/js/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(Files.readString(STATIC.resolve("js/app.js")), script.body());
        assertTrue(get("/console/css/console.css").headers().firstValue("Content-Type").orElse("")
                .startsWith("text/css"));
        for (String bad : new String[]{"/console/../application.yml", "/console/js/%2e%2e/%2e%2e/application.yml",
                "/console/io/convoc/core/messages.properties", "/console/js/missing.js", "/console/.hidden.js"}) {
            int status = get(bad).statusCode();
            assertTrue(status == 404 || status == 400, bad + " → " + status);
        }
    }

    @Test
    void theSignInSettingsNameTheUserPoolsPagesTheClientAndTheEvent() throws Exception {
        HttpResponse<String> config = get("/console/config.json");
        assertEquals(200, config.statusCode());
        // the template's values, resolved by the local cloud (the local run replaces the sign-in URL by its own)
        assertTrue(config.body().contains("\"authorizeUrl\":\"https://convoc-console.auth.eu-west-3.amazoncognito.com/oauth2/authorize\""),
                config.body());
        assertTrue(config.body().contains("\"eventId\":\"assises-2024\""), config.body());
        assertTrue(config.body().contains("\"clientId\":"), config.body());
    }

    @Test
    void frenchAndArabicHaveTheSameWordsAndTheyIncludeTheDomainsLabels() {
        Map<String, String> fr = ConsoleMessages.of(io.convoc.core.event.Language.FR);
        Map<String, String> ar = ConsoleMessages.of(io.convoc.core.event.Language.AR);
        assertEquals(new TreeSet<>(fr.keySet()), new TreeSet<>(ar.keySet()), "a word missing in one language");
        assertEquals("Lettre d''invitation prête", fr.get("registrationStatus.LETTER_READY"));
        fr.forEach((key, value) -> assertFalse(key.startsWith("console.") && value.equals(ar.get(key))
                && value.chars().anyMatch(Character::isLetter) && !value.matches("[A-Za-z ]+|العربية|Français"),
                "not translated: " + key + "=" + value));
    }

    /** Every message key a page names literally ({@code t('console.x')}, {@code nav: 'console.x'}) is in the bundles. */
    @Test
    void everyWordThePagesAskForIsInTheBundles() throws IOException {
        Set<String> known = ConsoleMessages.of(io.convoc.core.event.Language.FR).keySet();
        Pattern literal = Pattern.compile("(?:\\bt\\(|nav: |label\\()'([a-zA-Z][\\w.]*)'");
        Pattern prefix = Pattern.compile("\\bt\\(`([a-zA-Z][\\w.]*\\.)\\$\\{");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(STATIC.resolve("js"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).collect(Collectors.toList())) {
                String source = Files.readString(file);
                Matcher m = literal.matcher(source);
                while (m.find()) {
                    String key = m.group(1);
                    // label('region', code) names a prefix of the core bundle
                    boolean isPrefix = source.startsWith("label(", m.start());
                    if (isPrefix ? known.stream().noneMatch(k -> k.startsWith(key + "."))
                            : !known.contains(key)) {
                        missing.add(file.getFileName() + ": " + key);
                    }
                }
                Matcher p = prefix.matcher(source);
                while (p.find()) {
                    String start = p.group(1);
                    if (known.stream().noneMatch(k -> k.startsWith(start))) {
                        missing.add(file.getFileName() + ": " + start + "…");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "words the console asks for that no bundle has: " + missing);
    }
}

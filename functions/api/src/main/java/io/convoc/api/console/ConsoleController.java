package io.convoc.api.console;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.core.event.Language;
import io.convoc.core.validation.FieldError;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console: a small static application (HTML, ES modules, one style sheet; nothing from a CDN) that calls this
 * API with the signed-in person's token in the {@code Authorization} header. Its files are public (they hold no
 * data); every call they make for data goes through the routes' own roles. The words it shows come from the
 * bundles ({@link ConsoleMessages}); where to sign in, from the function's environment ({@link ConsoleSettings}).
 */
@Allowed(Role.PUBLIC)
@Controller("/console")
public class ConsoleController {
    private static final String ROOT = "io/convoc/api/console/static/";
    // a file name of the bundle: letters, digits, dashes and dots, in at most two folders (no "..", no hidden files)
    private static final Pattern ASSET = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/){0,2}[a-z0-9][a-z0-9.-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml;charset=utf-8");

    private final ConsoleSettings settings;
    private final java.nio.file.Path filesDir;

    /**
     * @param filesDir a folder to read the console's files from instead of the class path ({@code CONSOLE_FILES_DIR}:
     *                 the sources, so that a developer's edit shows on reload in the local run; never set in AWS)
     */
    public ConsoleController(ConsoleSettings settings,
                             @io.micronaut.context.annotation.Value("${CONSOLE_FILES_DIR:}") @io.micronaut.core.annotation.Nullable String filesDir) {
        this.settings = settings;
        this.filesDir = filesDir == null || filesDir.isBlank() ? null : java.nio.file.Path.of(filesDir);
    }

    /**
     * The application's one page, also at {@code /console/} (the router reads both as this route); its files are named
     * by absolute paths, so it is the same page at any address.
     */
    @Get
    public HttpResponse<String> index() {
        return file("index.html");
    }

    /** The page after the sign-in page sends the person back (Cognito's callback URL): the same application. */
    @Get("/signed-in")
    public HttpResponse<String> signedIn() {
        return file("index.html");
    }

    @Get(value = "/config.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ConsoleSettings.View> config() {
        return HttpResponse.ok(settings.view()).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Get(value = "/messages/{file}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> messages(@PathVariable String file) {
        Language language = switch (file) {
            case "fr.json" -> Language.FR;
            case "ar.json" -> Language.AR;
            default -> throw notFound();
        };
        return HttpResponse.ok(ConsoleMessages.of(language)).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Get("/{+path}")
    public HttpResponse<String> asset(@PathVariable String path) {
        if (!ASSET.matcher(path).matches()) {
            throw notFound();
        }
        return file(path);
    }

    private HttpResponse<String> file(String path) {
        try (InputStream in = open(path)) {
            if (in == null) {
                throw notFound();
            }
            String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
            return HttpResponse.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contentType(MediaType.of(type))
                    // small files, always asked again (a deployment changes them); the answer is a 200 or a 304 by API Gateway
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String path) throws IOException {
        if (filesDir != null) {
            java.nio.file.Path file = filesDir.resolve(path).normalize();
            return file.startsWith(filesDir) && java.nio.file.Files.isRegularFile(file)
                    ? java.nio.file.Files.newInputStream(file) : null;
        }
        return ConsoleController.class.getClassLoader().getResourceAsStream(ROOT + path);
    }

    private static ApiException notFound() {
        return new ApiException(404, "not_found", List.of(FieldError.of("path", "not_found")));
    }
}

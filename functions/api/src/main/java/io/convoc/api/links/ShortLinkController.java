package io.convoc.api.links;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.core.ports.ShortLinks;
import io.convoc.core.validation.FieldError;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.util.List;

/**
 * The short links SMS carry ({@code /l/{code}}): a {@code 302} to the link the code stands for (a signed letter
 * link), never cached and without a referrer, while it lives; an unknown, malformed or expired code is a 404, as the
 * link reveals nothing without a genuine code.
 */
@Allowed(Role.PUBLIC)
@Controller("/l")
public class ShortLinkController {
    private final ShortLinks links;
    private final Clock clock;

    public ShortLinkController(ShortLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    @Get("/{code}")
    public HttpResponse<?> follow(@PathVariable String code) {
        var target = links.resolve(code, clock.instant()).orElseThrow(() ->
                new ApiException(404, "unknown_link", List.of(FieldError.of("code", "unknown_link"))));
        return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, target.toASCIIString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
    }
}

package io.convoc.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.nio.charset.StandardCharsets;

/**
 * The api Lambda: API Gateway HTTP API (payload v2) events into the Micronaut controllers of this module.
 * Micronaut's function does the translation; the controllers call the domain services.
 *
 * <p>API Gateway hands on paths it could not decode as they were typed ({@code /api/registrations/%}); Micronaut
 * would fail on them with an invocation error (a 500 from API Gateway). Such a path is made a valid one first (a bare
 * {@code %} becomes {@code %25}, other characters a URI cannot hold are percent-encoded), so the route answers it as
 * the literal text it is: an unknown registration is a 404 problem+json.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
    public ApiHandler() {
        super();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null) {
            event.setRawPath(validPath(event.getRawPath()));
            if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
                event.getRequestContext().getHttp().setPath(validPath(event.getRequestContext().getHttp().getPath()));
            }
        }
        return super.handleRequest(event, context);
    }

    /** The path with every bare '%' and every character a URI path cannot hold percent-encoded (UTF-8). */
    static String validPath(String path) {
        if (path == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))) {
                sb.append(c);
            } else if (c == '%' || !allowed(c)) {
                int cp = path.codePointAt(i);
                byte[] bytes = Character.isSurrogate(c) && Character.charCount(cp) == 1 ? new byte[]{'?'}
                        : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i += Character.charCount(cp) - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 pchar and '/', without '%' (handled above). */
    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
}

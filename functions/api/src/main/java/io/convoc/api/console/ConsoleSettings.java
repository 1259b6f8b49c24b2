package io.convoc.api.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Where the console signs people in and which event it opens, from the function's environment: the user pool's
 * hosted sign-in domain ({@code CONSOLE_SIGN_IN_URL}: Cognito's {@code https://<prefix>.auth.<region>.amazoncognito.com},
 * or the local cloud's own sign-in page), the app client ({@code CONSOLE_CLIENT_ID}) and the event
 * ({@code CONSOLE_EVENT_ID}). The console runs OAuth's authorization-code flow with PKCE against it: a public client,
 * no secret in the browser.
 */
@Singleton
public class ConsoleSettings {
    private final View view;

    public ConsoleSettings(@Value("${CONSOLE_SIGN_IN_URL:}") @Nullable String signInUrl,
                           @Value("${CONSOLE_CLIENT_ID:}") @Nullable String clientId,
                           @Value("${CONSOLE_EVENT_ID:}") @Nullable String eventId) {
        String base = signInUrl == null ? "" : signInUrl.strip().replaceAll("/+$", "");
        this.view = new View(base.isEmpty() ? null : base + "/oauth2/authorize",
                base.isEmpty() ? null : base + "/oauth2/token",
                base.isEmpty() ? null : base + "/logout",
                clientId == null || clientId.isBlank() ? null : clientId.strip(),
                eventId == null || eventId.isBlank() ? null : eventId.strip());
    }

    View view() {
        return view;
    }

    /** What the console reads at start ({@code /console/config.json}); nulls when the deployment has no sign-in. */
    @Serdeable
    public record View(@Nullable String authorizeUrl, @Nullable String tokenUrl, @Nullable String logoutUrl,
                       @Nullable String clientId, @Nullable String eventId) {
    }
}

package io.convoc.notices.email;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Links put in an email: web links only, so that no {@code javascript:} or {@code file:} URL ever reaches a reader. */
final class EmailLinks {
    private EmailLinks() {
    }

    static URI requireWebUrl(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL: " + url);
        }
        return url;
    }

    /** The link as given when absolute, else resolved against the base; empty when it cannot be made absolute. */
    static Optional<URI> resolve(URI link, Optional<URI> base) {
        if (link.isAbsolute()) {
            return Optional.of(requireWebUrl(link, "letter link"));
        }
        return base.map(b -> requireWebUrl(b.resolve(link), "letter link"));
    }
}

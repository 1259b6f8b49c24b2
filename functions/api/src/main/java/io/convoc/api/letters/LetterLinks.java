package io.convoc.api.letters;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Short-lived S3 links to objects of the letters bucket (letters, exports): every download the API allows is a
 * redirect to one. Five minutes, whoever asks: a presigned URL dies with the credentials that signed it anyway, and a
 * link that outlives its use is one more copy of the letter in the wild.
 */
@Singleton
public class LetterLinks {
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    public LetterLinks(S3Presigner presigner, @Value("${LETTERS_BUCKET}") String bucket, Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** A link, good for {@link #LIFETIME}, that downloads the object as {@code filename}. */
    public Link to(String key, String filename) {
        return link(key, "attachment; filename=\"" + filename + "\"");
    }

    /** A link, good for {@link #LIFETIME}, that shows the object in the browser (named {@code filename} if saved). */
    public Link inline(String key, String filename) {
        return link(key, "inline; filename=\"" + filename + "\"");
    }

    private Link link(String key, String disposition) {
        Instant expires = clock.instant().plus(LIFETIME);
        URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(LIFETIME)
                        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition(disposition)))
                .url().toString());
        return new Link(url, expires);
    }

    public record Link(URI url, Instant expires) {
    }
}

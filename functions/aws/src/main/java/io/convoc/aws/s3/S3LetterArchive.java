package io.convoc.aws.s3;

import io.convoc.core.ports.LetterArchive;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Map;
import java.util.Optional;

/**
 * Letters in the private letters bucket, with their sha256 in the object metadata. Objects are encrypted
 * by the bucket's default encryption (template.yaml), which every writer gets without having to ask.
 */
public final class S3LetterArchive implements LetterArchive {
    private final S3Client s3;
    private final String bucket;

    public S3LetterArchive(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void store(String key, byte[] pdf, String sha256) {
        s3.putObject(b -> b.bucket(bucket).key(key)
                        .contentType("application/pdf")
                        .contentDisposition("inline")
                        .metadata(Map.of("sha256", sha256)),
                RequestBody.fromBytes(pdf));
    }

    @Override
    public Optional<byte[]> fetch(String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(object.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public String bucket() {
        return bucket;
    }
}

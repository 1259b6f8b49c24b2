package io.convoc.aws.s3;

import io.convoc.core.ports.LetterArchive;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.Map;
import java.util.Optional;

/** Letters in the private letters bucket, encrypted, with their sha256 in the object metadata. */
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
                        .serverSideEncryption(ServerSideEncryption.AES256)
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

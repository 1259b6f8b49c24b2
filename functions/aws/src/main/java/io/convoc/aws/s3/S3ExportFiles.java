package io.convoc.aws.s3;

import io.convoc.core.ports.ExportFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Export files in the letters bucket, written with a multipart upload: what is written fills a buffer of one part
 * (8 MiB: S3 wants at least 5 MiB for every part but the last), which is sent as soon as it is full. Memory holds one
 * part, whatever the size of the file. Nothing is visible at the key until the upload is completed; an upload not
 * completed is aborted (and the bucket's lifecycle drops any that an abort missed after a day).
 */
public final class S3ExportFiles implements ExportFiles {
    public static final int PART_SIZE = 8 * 1024 * 1024;
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    public S3ExportFiles(S3Client s3, String bucket) {
        this(s3, bucket, PART_SIZE);
    }

    public S3ExportFiles(S3Client s3, String bucket, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are 5 MiB at least");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    @Override
    public Upload open(String key) {
        return new MultipartUpload(key);
    }

    private final class MultipartUpload implements Upload {
        private final String key;
        private final byte[] buffer = new byte[partSize];
        private final List<CompletedPart> parts = new ArrayList<>();
        private int filled;
        private long size;
        private String uploadId;
        private boolean done;
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (done) {
                    throw new IOException("upload of " + key + " is over");
                }
                while (len > 0) {
                    int n = Math.min(len, buffer.length - filled);
                    System.arraycopy(b, off, buffer, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == buffer.length) {
                        sendPart();
                    }
                }
            }
        };

        MultipartUpload(String key) {
            this.key = key;
        }

        @Override
        public OutputStream out() {
            return out;
        }

        private void sendPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/pdf")
                        .contentDisposition("attachment; filename=\"" + key.substring(key.lastIndexOf('/') + 1) + "\""))
                        .uploadId();
            }
            int number = parts.size() + 1;
            int length = filled;
            // a provider of fresh streams over the buffer: sent (and re-sent on a retry) without a copy of the part
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                            "application/octet-stream")).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            size += filled;
            filled = 0;
        }

        @Override
        public long complete() {
            if (done) {
                throw new IllegalStateException("upload of " + key + " is over");
            }
            if (filled > 0 || parts.isEmpty()) {
                sendPart(); // the last part may be smaller than 5 MiB
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            done = true;
            return size;
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            if (uploadId != null) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            }
        }
    }
}

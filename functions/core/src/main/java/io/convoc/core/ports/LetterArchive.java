package io.convoc.core.ports;

import java.util.Optional;

/** Where invitation letters are kept (S3 in AWS): private, encrypted, one object per letter version. */
public interface LetterArchive {
    /** Stores a letter; storing the same key again with the same bytes changes nothing a reader sees. */
    void store(String key, byte[] pdf, String sha256);

    Optional<byte[]> fetch(String key);
}

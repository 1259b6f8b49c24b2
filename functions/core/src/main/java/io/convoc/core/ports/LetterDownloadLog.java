package io.convoc.core.ports;

import io.convoc.core.letters.LetterDownload;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The audit of letters handed to the protocol office and the organizers: every download link issued and every letter
 * bound into an export. Entries are never changed nor removed.
 */
public interface LetterDownloadLog {

    /** Records one download, and makes it the registration's last one unless a later one is recorded already. */
    void record(LetterDownload download);

    /**
     * Records the letters of an export, each like {@link #record}. Recording the same export's entries again (a
     * retried export) writes the same entries, not new ones.
     */
    void recordAll(List<LetterDownload> downloads);

    /** The downloads of a registration's letters, newest first. */
    Page<LetterDownload> byRegistration(String registrationId, String cursor, int limit);

    /** The downloads made by one user (token subject), newest first. */
    Page<LetterDownload> byUser(String subject, String cursor, int limit);

    /** The last download of each registration that has one (at most 100 ids). */
    Map<String, LetterDownload> lastOf(Collection<String> registrationIds);
}

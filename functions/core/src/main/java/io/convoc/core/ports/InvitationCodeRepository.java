package io.convoc.core.ports;

import io.convoc.core.invitations.InvitationCode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Invitation codes of events; a use is counted atomically, never past the code's limit or expiry. */
public interface InvitationCodeRepository {
    /** @return false when the code exists already */
    boolean create(InvitationCode code);

    Optional<InvitationCode> find(String eventId, String code);

    List<InvitationCode> list(String eventId);

    /** Counts one use if the code is still valid at {@code now} and not used up; false otherwise. */
    boolean use(String eventId, String code, Instant now);

    /** Gives a use back (the registration it was taken for was not created). */
    void release(String eventId, String code);
}

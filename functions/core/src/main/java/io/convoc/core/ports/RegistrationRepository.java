package io.convoc.core.ports;

import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.time.Instant;
import java.util.Optional;

/** Registrations, with the uniqueness of (event, e-mail) and the workshop attendance kept atomically. */
public interface RegistrationRepository {

    /**
     * Stores a new registration and claims its e-mail address within the event, atomically.
     *
     * @throws io.convoc.core.registration.DuplicateRegistration when the address is already claimed
     */
    void create(Registration registration);

    Optional<Registration> find(String id);

    Optional<String> findIdByEmail(String eventId, String email);

    /** The registrations of these ids that exist, in the order asked (adapters read them in batches). */
    default java.util.List<Registration> findAll(java.util.Collection<String> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Registrations of an event in protocol order (category rank, family name, first name). */
    Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit);

    /**
     * Records a newly produced letter, only if the registration's current letter version is
     * {@code expectedPreviousVersion} (0 for none): a replayed event cannot record it twice.
     *
     * @return false when another writer got there first
     */
    boolean recordLetter(String registrationId, int expectedPreviousVersion, LetterInfo letter, Instant at);

    /**
     * Records that programme change {@code changeNumber} concerns the registration, unless it records that change or
     * a later one already (a replay changes nothing). The change of the registration asks for a new letter.
     *
     * @return false when nothing was written (already marked, or no such registration)
     */
    boolean markScheduleChanged(String registrationId, int changeNumber, Instant at);

    /** Marks that no letter could be produced, unless a letter is already recorded. */
    void recordLetterFailure(String registrationId, String reason, Instant at);
}

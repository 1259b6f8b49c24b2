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

    /**
     * Stores several new registrations, each as {@link #create} would (its address claimed atomically with it);
     * adapters write many in one transaction, falling back to one by one when one of them is a duplicate.
     *
     * @return for each registration, in order: null when stored, else the id of the registration already holding
     * its address
     */
    default java.util.List<String> createAll(java.util.List<Registration> registrations) {
        java.util.List<String> existing = new java.util.ArrayList<>(registrations.size());
        for (Registration r : registrations) {
            try {
                create(r);
                existing.add(null);
            } catch (io.convoc.core.registration.DuplicateRegistration d) {
                existing.add(d.existingId());
            }
        }
        return existing;
    }

    Optional<Registration> find(String id);

    Optional<String> findIdByEmail(String eventId, String email);

    /**
     * The registrations already claiming these addresses in the event (e-mail key → registration id), for an import
     * that asks for all its rows at once (adapters read them in batches).
     */
    default java.util.Map<String, String> findIdsByEmail(String eventId, java.util.Collection<String> emails) {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        for (String email : emails) {
            findIdByEmail(eventId, email).ifPresent(id -> found.put(
                    io.convoc.core.registration.Registration.emailKey(email), id));
        }
        return found;
    }

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

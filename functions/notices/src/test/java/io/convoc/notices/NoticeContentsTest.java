package io.convoc.notices;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeContentsTest {
    private static final Registration INVITEE = Fixtures.invitee(LanguagePreference.BOTH);

    /** A change log that knows the given changes of the Assises and is asked for nothing else. */
    private static ProgrammeChangeLog log(Map<Integer, ProgrammeChange> changes) {
        return (ProgrammeChangeLog) Proxy.newProxyInstance(NoticeContentsTest.class.getClassLoader(),
                new Class<?>[]{ProgrammeChangeLog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("change") && "assises-2024".equals(args[0])) {
                        return Optional.ofNullable(changes.get((Integer) args[1]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Announcements that are found by number, and nothing else asked of them. */
    private static AnnouncementRepository announcements(Map<Integer, Announcement> announcements) {
        return (AnnouncementRepository) Proxy.newProxyInstance(NoticeContentsTest.class.getClassLoader(),
                new Class<?>[]{AnnouncementRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.ofNullable(announcements.get((Integer) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Notification notice(NoticeKind kind, int contentVersion) {
        return Notification.queued(INVITEE.id(), INVITEE.eventId(), kind, Channel.EMAIL, contentVersion, null,
                INVITEE.email(), Instant.parse("2024-12-01T09:00:00Z"));
    }

    @Test
    void aConfirmationIsAConfirmation() {
        Notice notice = new NoticeContents(log(Map.of()), announcements(Map.of()))
                .of(notice(NoticeKind.CONFIRMATION, 1), INVITEE, Fixtures.assises());
        assertInstanceOf(Confirmation.class, notice);
        assertSame(INVITEE, notice.registration());
    }

    @Test
    void aScheduleChangeCarriesTheChangeItsContentVersionNames() {
        ProgrammeChange moved = Fixtures.moved();
        Notice notice = new NoticeContents(log(Map.of(1, moved)), announcements(Map.of()))
                .of(notice(NoticeKind.SCHEDULE_CHANGE, 1), INVITEE, Fixtures.assises().with(moved.after()));
        ScheduleChange change = assertInstanceOf(ScheduleChange.class, notice);
        assertSame(moved, change.change());
        assertEquals(NoticeKind.SCHEDULE_CHANGE, change.kind());
    }

    @Test
    void aChangeThatIsNotRecordedCannotBeSent() {
        UnsendableNotice e = assertThrows(UnsendableNotice.class, () -> new NoticeContents(log(Map.of()),
                announcements(Map.of()))
                .of(notice(NoticeKind.SCHEDULE_CHANGE, 7), INVITEE, Fixtures.assises()));
        assertEquals("unknown_change", e.code());
        assertTrue(e.getMessage().contains("programme change 7 of event assises-2024"), e.getMessage());
    }

    @Test
    void anAlreadyRegisteredNoticeIsAboutTheRegistrationAsItStands() {
        // its content version is the day the form was used (one notice a day at most): it names nothing to look up
        Notice notice = new NoticeContents(log(Map.of()), announcements(Map.of()))
                .of(notice(NoticeKind.ALREADY_REGISTERED, 20_058), INVITEE, Fixtures.assises());
        assertInstanceOf(AlreadyRegistered.class, notice);
        assertEquals(NoticeKind.ALREADY_REGISTERED, notice.kind());
        assertSame(INVITEE, notice.registration());
    }

    @Test
    void anAnnouncementNoticeCarriesTheAnnouncementItsContentVersionNames() {
        Announcement announcement = Fixtures.announcement(3, "Bonjour ((name))", "مرحبا ((name))");
        Notice notice = new NoticeContents(log(Map.of()), announcements(Map.of(3, announcement)))
                .of(notice(NoticeKind.ANNOUNCEMENT, 3), INVITEE, Fixtures.assises());
        AnnouncementNotice a = assertInstanceOf(AnnouncementNotice.class, notice);
        assertSame(announcement, a.announcement());
        assertEquals(NoticeKind.ANNOUNCEMENT, a.kind());
        assertSame(INVITEE, a.registration());
    }

    @Test
    void anAnnouncementThatDoesNotExistCannotBeSent() {
        UnsendableNotice e = assertThrows(UnsendableNotice.class, () -> new NoticeContents(log(Map.of()),
                announcements(Map.of())).of(notice(NoticeKind.ANNOUNCEMENT, 4), INVITEE, Fixtures.assises()));
        assertEquals("unknown_announcement", e.code());
        assertTrue(e.getMessage().contains("announcement 4"), e.getMessage());
    }
}

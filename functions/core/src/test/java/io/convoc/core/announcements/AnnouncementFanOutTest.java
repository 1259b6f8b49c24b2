package io.convoc.core.announcements;

import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.InMemoryNotifications;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.NoticeMessage;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static io.convoc.core.announcements.InMemoryRegistrations.person;
import static io.convoc.core.announcements.InMemoryRegistrations.with;
import static io.convoc.core.announcements.InMemoryRegistrations.withMobile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out as a state machine over pages of the audience, with the ports kept in memory: one notice per recipient,
 * channel and SMS language however it is killed, continued or replayed.
 */
class AnnouncementFanOutTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final int AUDIENCE = 250;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryNotifications notifications = new InMemoryNotifications();
    private final InMemoryAnnouncements announcements = new InMemoryAnnouncements(notifications);
    private final InMemoryRegistrations registrations = new InMemoryRegistrations();
    private final Map<String, String> suppressed = new HashMap<>();
    private final List<NoticeMessage> enqueued = new ArrayList<>();
    private final List<Integer> continuations = new ArrayList<>();
    /** Enqueues left before the queue "kills" the run (throws). */
    private int enqueuesBeforeKill = Integer.MAX_VALUE;

    private final SuppressionList suppressions = new SuppressionList() {
        public Optional<String> reasonFor(String address) {
            return Optional.ofNullable(suppressed.get(address));
        }

        public void suppress(String address, String reason, Instant at) {
            suppressed.put(address, reason);
        }
    };

    private final NoticeQueues queues = (channel, message) -> {
        if (enqueuesBeforeKill-- <= 0) {
            throw new IllegalStateException("killed while queueing (injected)");
        }
        assertEquals(channel, notifications.find(message.registrationId(), message.notificationId()).orElseThrow()
                .channel(), "queued on its channel's queue");
        enqueued.add(message);
    };

    private AnnouncementFanOut fanOut() {
        return new AnnouncementFanOut(announcements, new AnnouncementRecipients(registrations), notifications,
                suppressions, queues, continuations::add, clock);
    }

    /**
     * 250 registrations: every one with an e-mail; the even ones with a mobile; of those, one in five reads both
     * languages (two SMS), the others one.
     */
    private void register() {
        for (int i = 0; i < AUDIENCE; i++) {
            Registration r = person(String.format("reg-%03d", i));
            if (i % 2 == 0) {
                r = withMobile(r, "+2126" + String.format("%08d", i));
            }
            r = with(r, i % 10 == 0 ? LanguagePreference.BOTH : i % 4 == 0 ? LanguagePreference.AR
                    : LanguagePreference.FR);
            registrations.create(r);
        }
    }

    private Announcement due(int number, Set<Channel> channels, Audience audience) {
        Announcement a = InMemoryAnnouncements.announcement(number, AnnouncementState.SCHEDULED, NOW, channels,
                audience);
        announcements.put(a);
        return a;
    }

    private Announcement dueToEveryone() {
        return due(1, Set.of(Channel.EMAIL, Channel.SMS), Audience.everyone());
    }

    /** What the fan-out must write, worked out here from the registrations (not from the code under test). */
    private Set<String> expectedIds(int number, Predicate<Registration> audience) {
        Set<String> ids = new LinkedHashSet<>();
        for (Registration r : registrations.all()) {
            if (!audience.test(r)) {
                continue;
            }
            ids.add("ANNOUNCEMENT#EMAIL#v" + number + "#" + r.id());
            if (r.mobile() != null) {
                for (Language l : r.languages().languages()) {
                    ids.add("ANNOUNCEMENT#SMS-" + l.name() + "#v" + number + "#" + r.id());
                }
            }
        }
        return ids;
    }

    private List<String> noticeIds(int number) {
        return notifications.all().stream().filter(n -> Notification.announcementOf(n.id()).orElse(-1) == number)
                .map(Notification::id).toList();
    }

    private List<String> enqueuedIds() {
        return enqueued.stream().map(NoticeMessage::notificationId).toList();
    }

    private static Set<String> onPage(Set<String> ids, int page) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            int index = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            if (index / AnnouncementRecipients.PAGE == page) {
                out.add(id);
            }
        }
        return out;
    }

    private Notification stored(String id) {
        return notifications.find(id.substring(id.lastIndexOf('#') + 1), id).orElseThrow();
    }

    @Test
    void theAudienceIsCountedRight() {
        register();
        // 250 e-mails; 125 with a mobile, 25 of whom read both languages: 150 SMS
        assertEquals(400, expectedIds(1, r -> true).size());
        assertEquals(160, onPage(expectedIds(1, r -> true), 0).size(), "100 e-mails, 50 mobiles, 10 of both");
    }

    @Test
    void eachRecipientGetsOneNoticePerChannelAndSmsLanguageAllQueued() {
        register();
        dueToEveryone();
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));

        Set<String> expected = expectedIds(1, r -> true);
        List<String> written = noticeIds(1);
        assertSameIds(expected, written, "notices");
        assertEquals(400, written.size());
        assertEquals(written.size(), enqueued.size(), "each notice queued once");
        assertSameIds(expected, enqueuedIds(), "notices");
        for (String id : written) {
            Notification n = stored(id);
            assertEquals(DeliveryStatus.QUEUED, n.status());
            assertEquals(NoticeKind.ANNOUNCEMENT, n.kind());
            assertEquals(1, n.contentVersion());
            assertEquals("assises-2024", n.eventId());
            Registration r = registrations.find(n.registrationId()).orElseThrow();
            assertEquals(n.channel() == Channel.EMAIL ? r.email() : r.mobile(), n.destination());
        }
        Announcement after = announcements.find(1).orElseThrow();
        assertEquals(AnnouncementState.SENDING, after.state(), "sent once the senders have every notice out");
        assertTrue(after.fanOutDone());
        assertTrue(continuations.isEmpty());
        assertEquals(3, registrations.listCalls, "three pages of 100 read, no more");
    }

    @Test
    void aReplayOfAFinishedFanOutWritesAndQueuesNothing() {
        register();
        dueToEveryone();
        fanOut().run(1, () -> true);
        int queued = enqueued.size();
        int reads = registrations.listCalls;
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        assertEquals(queued, enqueued.size());
        assertEquals(reads, registrations.listCalls);
        assertEquals(400, noticeIds(1).size());
    }

    @Test
    void anAnnouncementToEveryEmailOnlyWritesNoSms() {
        register();
        due(1, Set.of(Channel.EMAIL), Audience.everyone());
        fanOut().run(1, () -> true);
        assertEquals(AUDIENCE, noticeIds(1).size());
        assertTrue(noticeIds(1).stream().allMatch(id -> id.startsWith("ANNOUNCEMENT#EMAIL#")));
    }

    @Test
    void aRunKilledBeforeSavingItsPositionIsResumedWithNoNoticeTwiceNoneMissingAndOnlyQueuedOnesRequeued() {
        register();
        dueToEveryone();
        Set<String> expected = expectedIds(1, r -> true);
        // a run out of time saves page 1; the next one writes and queues page 2, then dies before saving its position
        assertEquals(AnnouncementFanOut.Outcome.CONTINUED, fanOut().run(1, () -> false));
        announcements.failSaveFanOut = 1;
        assertThrows(IllegalStateException.class, () -> fanOut().run(1, () -> true));

        Set<String> page1 = onPage(expected, 0);
        Set<String> page2 = onPage(expected, 1);
        Set<String> page3 = onPage(expected, 2);
        assertSameIds(new HashSet<>(union(page1, page2)), noticeIds(1), "page 2 written, page 3 not");
        assertEquals(union(page1, page2).size(), enqueued.size());

        // meanwhile the senders took some of page 2: those are not queued again
        List<String> taken = new ArrayList<>(page2).subList(0, 30);
        for (String id : taken) {
            Notification n = stored(id);
            assertTrue(notifications.claim(n.registrationId(), id, NOW.plusSeconds(60), NOW));
            if (taken.indexOf(id) % 2 == 0) {
                assertTrue(notifications.markSent(n.registrationId(), id, "msg-" + id, 1, NOW));
            }
        }
        enqueued.clear();

        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        List<String> written = noticeIds(1);
        assertSameIds(expected, written, "none missing");
        assertEquals(expected.size(), written.size(), "none twice");
        Set<String> requeued = new HashSet<>(page2);
        taken.forEach(requeued::remove);
        requeued.addAll(page3);
        assertSameIds(requeued, enqueuedIds(), "page 2's notices still QUEUED, and page 3");
        assertEquals(requeued.size(), enqueued.size());
        assertTrue(announcements.find(1).orElseThrow().fanOutDone());
    }

    @Test
    void aRunKilledWhileQueueingIsResumedAndEveryNoticeIsQueued() {
        register();
        dueToEveryone();
        Set<String> expected = expectedIds(1, r -> true);
        // page 1 holds 160 notices: the run dies while queueing page 2, after writing it all
        enqueuesBeforeKill = 200;
        assertThrows(IllegalStateException.class, () -> fanOut().run(1, () -> true));
        assertEquals(200, enqueued.size());
        assertSameIds(union(onPage(expected, 0), onPage(expected, 1)), noticeIds(1), "notices");

        enqueuesBeforeKill = Integer.MAX_VALUE;
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        assertSameIds(expected, noticeIds(1), "notices");
        assertEquals(expected.size(), noticeIds(1).size());
        assertSameIds(expected, enqueuedIds(), "every notice queued at least once");
        Set<String> page1 = onPage(expected, 0);
        assertEquals(page1.size(), enqueuedIds().stream().filter(page1::contains).count(),
                "page 1, whose position was saved, is not queued again");
    }

    @Test
    void aNoticeLeftUnqueuedByAKilledRunIsQueuedEvenIfItsAddressOptedOutSince() {
        register();
        dueToEveryone();
        Set<String> expected = expectedIds(1, r -> true);
        enqueuesBeforeKill = 200;
        assertThrows(IllegalStateException.class, () -> fanOut().run(1, () -> true));
        String orphan = onPage(expected, 1).stream().filter(id -> id.startsWith("ANNOUNCEMENT#EMAIL#")
                && !enqueuedIds().contains(id)).findFirst().orElseThrow();
        assertEquals(DeliveryStatus.QUEUED, stored(orphan).status());
        suppressions.optOutOfAnnouncements(stored(orphan).destination(), NOW);

        enqueuesBeforeKill = Integer.MAX_VALUE;
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        // left QUEUED and never queued, it would keep the announcement SENDING for ever: the sender suppresses it
        assertTrue(enqueuedIds().contains(orphan));
    }

    @Test
    void outOfTimeItAsksForAContinuationAndTheNextRunGoesOn() {
        register();
        dueToEveryone();
        List<AnnouncementFanOut.Outcome> outcomes = new ArrayList<>();
        outcomes.add(fanOut().run(1, () -> false));
        assertEquals(List.of(1), continuations);
        assertSameIds(onPage(expectedIds(1, r -> true), 0), noticeIds(1), "one page per run");
        outcomes.add(fanOut().run(1, () -> false));
        outcomes.add(fanOut().run(1, () -> false));
        assertEquals(List.of(AnnouncementFanOut.Outcome.CONTINUED, AnnouncementFanOut.Outcome.CONTINUED,
                AnnouncementFanOut.Outcome.DONE), outcomes);
        assertEquals(List.of(1, 1), continuations);
        assertSameIds(expectedIds(1, r -> true), noticeIds(1), "notices");
        assertEquals(400, enqueued.size(), "each notice queued once");
        assertTrue(announcements.find(1).orElseThrow().fanOutDone());
    }

    @Test
    void aCancelledAnnouncementWritesNothing() {
        register();
        dueToEveryone();
        assertTrue(announcements.cancel(1, "by o", NOW));
        assertEquals(AnnouncementFanOut.Outcome.NOTHING_TO_DO, fanOut().run(1, () -> true));
        assertTrue(notifications.all().isEmpty());
        assertTrue(enqueued.isEmpty());
        assertEquals(AnnouncementState.CANCELLED, announcements.find(1).orElseThrow().state());
    }

    @Test
    void anAnnouncementCancelledBetweenTwoRunsWritesNothingMore() {
        register();
        dueToEveryone();
        assertEquals(AnnouncementFanOut.Outcome.CONTINUED, fanOut().run(1, () -> false));
        int written = notifications.all().size();
        int queued = enqueued.size();
        assertTrue(announcements.cancel(1, "by o", NOW));
        assertEquals(AnnouncementFanOut.Outcome.NOTHING_TO_DO, fanOut().run(1, () -> true));
        assertEquals(written, notifications.all().size());
        assertEquals(queued, enqueued.size());
    }

    @Test
    void aScheduledAnnouncementNotYetDueIsLeftForLater() {
        register();
        announcements.put(InMemoryAnnouncements.announcement(1, AnnouncementState.SCHEDULED,
                NOW.plus(Duration.ofMinutes(1)), Set.of(Channel.EMAIL), Audience.everyone()));
        assertEquals(AnnouncementFanOut.Outcome.NOT_DUE, fanOut().run(1, () -> true));
        assertEquals(AnnouncementState.SCHEDULED, announcements.find(1).orElseThrow().state());
        assertTrue(notifications.all().isEmpty());
        assertTrue(continuations.isEmpty());
    }

    @Test
    void aDraftOrAnUnknownAnnouncementHasNothingToFanOut() {
        register();
        announcements.put(InMemoryAnnouncements.announcement(1, AnnouncementState.DRAFT, null, Set.of(Channel.EMAIL),
                Audience.everyone()));
        assertEquals(AnnouncementFanOut.Outcome.NOTHING_TO_DO, fanOut().run(1, () -> true));
        assertEquals(AnnouncementFanOut.Outcome.NOTHING_TO_DO, fanOut().run(99, () -> true));
        assertTrue(notifications.all().isEmpty());
    }

    @Test
    void aDueAnnouncementMovesToSending() {
        register();
        dueToEveryone();
        fanOut().run(1, () -> false);
        assertEquals(AnnouncementState.SENDING, announcements.find(1).orElseThrow().state());
        assertTrue(announcements.due(NOW, 10).isEmpty(), "no longer due: the dispatcher does not ask again");
    }

    @Test
    void suppressedAndOptedOutAddressesGetSuppressedNoticesThatAreNotQueued() {
        register();
        dueToEveryone();
        Registration bounced = registrations.find("reg-004").orElseThrow(); // mobile, Arabic
        Registration optedOut = registrations.find("reg-010").orElseThrow(); // mobile, both languages
        suppressed.put(bounced.email(), "bounced: Permanent/General");
        suppressions.optOutOfAnnouncements(optedOut.mobile(), NOW);

        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        Set<String> notQueued = Set.of("ANNOUNCEMENT#EMAIL#v1#reg-004", "ANNOUNCEMENT#SMS-FR#v1#reg-010",
                "ANNOUNCEMENT#SMS-AR#v1#reg-010");
        for (String id : notQueued) {
            Notification n = stored(id);
            assertEquals(DeliveryStatus.SUPPRESSED, n.status(), id);
            assertFalse(n.statusReason() == null || n.statusReason().isBlank(), "it says why: " + id);
            assertFalse(enqueuedIds().contains(id), id);
        }
        assertEquals("bounced: Permanent/General", stored("ANNOUNCEMENT#EMAIL#v1#reg-004").statusReason());
        // the other channels of the same people still go
        for (String id : List.of("ANNOUNCEMENT#SMS-AR#v1#reg-004", "ANNOUNCEMENT#EMAIL#v1#reg-010")) {
            assertEquals(DeliveryStatus.QUEUED, stored(id).status(), id);
            assertTrue(enqueuedIds().contains(id), id);
        }
        assertEquals(400, noticeIds(1).size(), "suppressed ones are counted too");
        assertEquals(397, enqueued.size());
    }

    @Test
    void anOptOutIsOfAnnouncementsOnlyWhileASuppressionStopsEverything() {
        suppressions.optOutOfAnnouncements("Nadia@Example.ma", NOW);
        suppressed.put("bounced@example.ma", "bounced");
        assertTrue(suppressions.reasonFor("nadia@example.ma", NoticeKind.ANNOUNCEMENT).isPresent(),
                "the opt-out is read without case");
        assertEquals(Optional.empty(), suppressions.reasonFor("nadia@example.ma", NoticeKind.CONFIRMATION));
        assertEquals(Optional.empty(), suppressions.reasonFor("nadia@example.ma", NoticeKind.SCHEDULE_CHANGE));
        assertEquals(Optional.empty(), suppressions.reasonFor("nadia@example.ma"));
        for (NoticeKind kind : NoticeKind.values()) {
            assertEquals(Optional.of("bounced"), suppressions.reasonFor("bounced@example.ma", kind), kind.name());
        }
    }

    @Test
    void onlyTheAudienceIsWrittenTo() {
        register();
        // a few press members among them, one of them with a mobile reading both languages
        registrations.create(with(person("press-1"), Category.PRESS));
        registrations.create(with(withMobile(with(person("press-2"), Category.PRESS), "+212600000999"),
                LanguagePreference.BOTH));
        Audience press = new Audience(Set.of(Category.PRESS), null, null, null, null);
        due(1, Set.of(Channel.EMAIL, Channel.SMS), press);
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        assertEquals(Set.of("ANNOUNCEMENT#EMAIL#v1#press-1", "ANNOUNCEMENT#EMAIL#v1#press-2",
                "ANNOUNCEMENT#SMS-FR#v1#press-2", "ANNOUNCEMENT#SMS-AR#v1#press-2"), new HashSet<>(noticeIds(1)));
        assertEquals(4, enqueued.size());
    }

    @Test
    void twoAnnouncementsToTheSamePeopleAreTwoSetsOfNotices() {
        register();
        dueToEveryone();
        due(2, Set.of(Channel.EMAIL), Audience.everyone());
        fanOut().run(1, () -> true);
        fanOut().run(2, () -> true);
        assertEquals(400, noticeIds(1).size());
        assertEquals(AUDIENCE, noticeIds(2).size());
    }

    @Test
    void theAnnouncementIsSentOnceTheFanOutIsDoneAndNoNoticeIsLeftWithTheSenders() {
        registrations.create(person("reg-a"));
        registrations.create(person("reg-b"));
        dueToEveryone();
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true));
        assertEquals(AnnouncementState.SENDING, announcements.find(1).orElseThrow().state());
        for (String id : noticeIds(1)) {
            Notification n = stored(id);
            notifications.claim(n.registrationId(), id, NOW.plusSeconds(60), NOW);
            notifications.markSent(n.registrationId(), id, "msg", 1, NOW);
        }
        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut().run(1, () -> true), "a late replay");
        assertEquals(AnnouncementState.SENT, announcements.find(1).orElseThrow().state());
    }

    /** Set equality that names only what is missing and what is extra. */
    private static void assertSameIds(Set<String> expected, java.util.Collection<String> actual, String message) {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), message + ": missing " + missing + ", extra " + extra);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}

package io.convoc.announcementfanout;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsAnnouncementQueue;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.AnnouncementFanOut;
import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Announcements;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An announcement's fan-out against the local cloud: the real tables, queues and handlers, an audience of ten
 * thousand, a run killed half way and the function's own retry taking over.
 */
@ExtendWith(LocalCloudExtension.class)
class AnnouncementFanOutHandlerTest {
    private static LocalCloud cloud;
    private static ProgrammeTable programmes;
    private static RegistrationTable registrations;
    private static AnnouncementTable announcements;
    private static NotificationTable notifications;
    private static SuppressionTable suppressions;
    private static SqsAnnouncementQueue fanOutQueue;
    private static Announcements service;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"),
                announcements);
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        fanOutQueue = new SqsAnnouncementQueue(cloud.sqs(), cloud.queueUrl("AnnouncementFanOutQueue"));
        service = new Announcements(announcements, programmes, new AnnouncementRecipients(registrations), fanOutQueue,
                Clock.systemUTC());
    }

    /** An event with {@code count} invitees; every tenth has a mobile and reads both languages (two SMS). */
    private static String eventWith(int count) {
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        Instant now = Instant.now();
        List<Registration> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean mobile = i % 10 == 0;
            batch.add(new Registration(UUID.randomUUID().toString(), eventId, null,
                    new PersonName("Samira", "Bennani " + i, "سميرة بناني"), "", "",
                    i % 2 == 0 ? Category.EXPERT : Category.PRESS, "", i % 3 == 0 ? Region.ORIENTAL : null,
                    "invite-" + i + "-" + UUID.randomUUID() + "@example.ma",
                    mobile ? String.format("+2126%08d", i) : null,
                    mobile ? LanguagePreference.BOTH : LanguagePreference.FR, List.of(), RegistrationSource.IMPORT,
                    RegistrationStatus.LETTER_READY, null, null, now, now));
            if (batch.size() == 500 || i == count - 1) {
                assertTrue(registrations.createAll(batch).stream().allMatch(java.util.Objects::isNull));
                batch.clear();
            }
        }
        return eventId;
    }

    private static Announcement draft(String eventId, Set<Channel> channels, Audience audience) {
        return service.draft(new AnnouncementDraft(eventId, Bilingual.of("Accueil", "الاستقبال"),
                Bilingual.of("Bonjour ((name))", "مرحبا ((name))"), channels.contains(Channel.SMS)
                        ? Bilingual.of("Accueil le 20/12", "الاستقبال يوم 20/12") : null,
                channels, audience), "organisateur.dgct");
    }

    private static AnnouncementFanOut fanOut(NotificationRepository notices) {
        return new AnnouncementFanOut(announcements, new AnnouncementRecipients(registrations), notices, suppressions,
                new SqsNoticeQueues(cloud.sqs(), new NoticeMessages(JsonMapper.createDefault()),
                        cloud.queueUrl("EmailQueue"), cloud.queueUrl("SmsQueue")), fanOutQueue, Clock.systemUTC());
    }

    /** Every notice of the announcement (a test may scan). */
    private static List<Map<String, AttributeValue>> noticesOf(Announcement a) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        cloud.dynamo().scanPaginator(s -> s.tableName(cloud.tableName("NotificationsTable"))
                        .filterExpression("begins_with(notificationId, :a) AND contains(notificationId, :v)")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("ANNOUNCEMENT#"),
                                ":v", AttributeValue.fromS("#v" + a.number() + "#"))))
                .items().forEach(out::add);
        return out;
    }

    /** Drains a notice queue: how often each notice of the announcement was queued. */
    private static Map<String, Integer> drain(String queue, Announcement a) {
        Map<String, Integer> queued = new HashMap<>();
        String url = cloud.queueUrl(queue);
        while (true) {
            List<Message> messages = cloud.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return queued;
            }
            for (Message m : messages) {
                if (m.body().contains("#v" + a.number() + "#")) {
                    queued.merge(m.body(), 1, Integer::sum);
                }
            }
            cloud.sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(messages.stream().map(m ->
                    DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                            .build()).toList()));
        }
    }

    private static <T> T await(String what, Duration limit, Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The notices of a dying process: each page is written, then the process dies (the {@code killAt}-th page). */
    private static NotificationRepository killedAfterWriting(int killAt) {
        AtomicInteger pages = new AtomicInteger();
        return (NotificationRepository) java.lang.reflect.Proxy.newProxyInstance(
                NotificationRepository.class.getClassLoader(), new Class<?>[]{NotificationRepository.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(notifications, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("createAll") && pages.incrementAndGet() == killAt) {
                        throw new IllegalStateException("killed after writing page " + killAt);
                    }
                    return result;
                });
    }

    @Test
    void tenThousandRecipientsGetExactlyOneNoticePerChannelAfterTheFanOutIsKilledHalfWay() {
        String eventId = eventWith(10_000);
        Announcement a = draft(eventId, EnumSet.of(Channel.EMAIL, Channel.SMS), Audience.everyone());
        service.send(a.id(), null); // the fan-out request waits in its queue

        // a first run dies half way, after writing the notices of page 50 and before queueing them
        try {
            fanOut(killedAfterWriting(50)).run(a.number(), () -> true);
            throw new AssertionError("the run was to be killed");
        } catch (IllegalStateException killed) {
            assertTrue(killed.getMessage().contains("page 50"));
        }
        List<Map<String, AttributeValue>> written = noticesOf(a);
        assertEquals(5_000, written.stream().map(n -> n.get("registrationId").s()).distinct().count(),
                "49 pages saved, the 50th written");
        assertEquals(written.size(), counters(a).targeted());

        // the function, driven by the queue as Lambda would, takes the request over from the saved position
        cloud.startFunctions(List.of("AnnouncementFanOutFunction"));
        Announcement done = await("the fan-out to finish", Duration.ofMinutes(3), () -> announcements.find(a.number())
                .filter(Announcement::fanOutDone));
        assertEquals(AnnouncementState.SENDING, done.state(), "notices are with the senders");

        List<Map<String, AttributeValue>> notices = noticesOf(a);
        Set<String> emails = new HashSet<>();
        Set<String> sms = new HashSet<>();
        for (Map<String, AttributeValue> n : notices) {
            String id = n.get("notificationId").s();
            (id.startsWith("ANNOUNCEMENT#EMAIL#") ? emails : sms).add(id);
        }
        assertEquals(12_000, notices.size(), "10,000 e-mails and 1,000 recipients × 2 SMS, nothing twice");
        assertEquals(10_000, emails.size());
        assertEquals(2_000, sms.size());
        AnnouncementCounters c = done.counters();
        assertEquals(12_000, c.targeted(), "counted once, although page 50 was written twice");
        assertEquals(12_000, c.queued());
        assertEquals(12_000, c.outstanding());

        Map<String, Integer> queuedEmails = drain("EmailQueue", a);
        Map<String, Integer> queuedSms = drain("SmsQueue", a);
        assertEquals(10_000, queuedEmails.size(), "every e-mail notice reached the senders' queue");
        assertEquals(2_000, queuedSms.size());
        assertTrue(queuedEmails.values().stream().allMatch(n -> n == 1), "the killed page was queued once, by the retry");
    }

    @Test
    void theAudienceFiltersChooseExactlyTheirRecipientsAndOptedOutAddressesAreCountedApart() {
        String eventId = eventWith(300);
        // experts (even numbers) of the Oriental (multiples of 3): i % 6 == 0, 50 of them
        Audience audience = new Audience(Set.of(Category.EXPERT), Set.of(Region.ORIENTAL), Set.of(), Set.of(), Set.of());
        Announcement a = draft(eventId, EnumSet.of(Channel.EMAIL), audience);
        List<Registration> chosen = new ArrayList<>();
        new AnnouncementRecipients(registrations).forEachPage(eventId, audience, chosen::addAll);
        assertEquals(50, chosen.size());
        suppressions.optOutOfAnnouncements(chosen.get(0).email(), Instant.now());
        suppressions.suppress(chosen.get(1).email().toUpperCase(java.util.Locale.ROOT), "permanent bounce", Instant.now());
        assertTrue(announcements.schedule(a.number(), Instant.now(), Instant.now()));

        assertEquals(AnnouncementFanOut.Outcome.DONE, fanOut(notifications).run(a.number(), () -> true));
        List<Map<String, AttributeValue>> notices = noticesOf(a);
        Set<String> reached = new HashSet<>();
        notices.forEach(n -> reached.add(n.get("registrationId").s()));
        assertEquals(chosen.stream().map(Registration::id).collect(java.util.stream.Collectors.toSet()), reached);
        AnnouncementCounters c = counters(a);
        assertEquals(50, c.targeted());
        assertEquals(48, c.queued());
        assertEquals(2, c.suppressed());
        assertEquals(48, drain("EmailQueue", a).size());
    }

    @Test
    void aCancelledAnnouncementWritesNothingMore() {
        String eventId = eventWith(250);
        Announcement a = draft(eventId, EnumSet.of(Channel.EMAIL), Audience.everyone());
        assertTrue(announcements.schedule(a.number(), Instant.now(), Instant.now()));
        AtomicInteger pages = new AtomicInteger();
        // one page, then out of time: a continuation is asked for
        assertEquals(AnnouncementFanOut.Outcome.CONTINUED, fanOut(notifications).run(a.number(),
                () -> pages.incrementAndGet() > 1));
        service.cancel(a.id(), "organisateur.dgct");
        assertEquals(AnnouncementFanOut.Outcome.NOTHING_TO_DO, fanOut(notifications).run(a.number(), () -> true));
        assertEquals(100, noticesOf(a).size(), "the first page only");
    }

    @Test
    void theSampleFanOutRequestDrivesTheHandlerAndAnUnreadableOneIsDropped() throws Exception {
        String eventId = eventWith(20);
        Announcement a = draft(eventId, EnumSet.of(Channel.EMAIL), Audience.everyone());
        assertTrue(announcements.schedule(a.number(), Instant.now(), Instant.now()));
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/announcement-fanout.json").toString());
        event.getRecords().get(0).setBody("{\"announcement\": " + a.number() + "}");
        SQSEvent.SQSMessage unreadable = new SQSEvent.SQSMessage();
        unreadable.setMessageId("not-a-request");
        unreadable.setBody("{\"announcement\": \"x\"}");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(unreadable);
        event.setRecords(records);
        try (AnnouncementFanOutHandler handler = new AnnouncementFanOutHandler()) {
            SQSBatchResponse response = handler.handleRequest(event, new LocalContext("AnnouncementFanOutFunction", 1024, 900));
            assertTrue(response.getBatchItemFailures().isEmpty(), "nothing to retry: an unreadable request never reads");
            // the same message again (SQS delivers at least once): nothing more
            handler.handleRequest(event, new LocalContext("AnnouncementFanOutFunction", 1024, 900));
        }
        assertEquals(20, noticesOf(a).size());
        assertEquals(20, counters(a).targeted());
    }

    @Test
    void theDispatcherAsksForTheFanOutOfAnnouncementsOnceTheyAreDue() throws Exception {
        String eventId = eventWith(5);
        Announcement a = draft(eventId, EnumSet.of(Channel.EMAIL), Audience.everyone());
        Instant due = Instant.now().plusSeconds(2);
        assertTrue(announcements.schedule(a.number(), due, Instant.now()));
        try (AnnouncementDispatcherHandler dispatcher = new AnnouncementDispatcherHandler()) {
            // the EventBridge event of the schedule, as events/ keeps it (its time is not what decides: the clock is)
            ScheduledEvent tick = EventLoader.loadScheduledEvent(SampleData.file("scheduled/every-minute.json").toString());
            assertFalse(dispatcher.handleRequest(tick, new LocalContext("AnnouncementDispatcherFunction", 1024, 60))
                    .contains(a.number()), "not due yet");
            List<Integer> dispatched = await("the announcement to be due", Duration.ofSeconds(10), () -> {
                List<Integer> now = dispatcher.handleRequest(tick, new LocalContext("AnnouncementDispatcherFunction", 1024, 60));
                return now.contains(a.number()) ? Optional.of(now) : Optional.empty();
            });
            assertTrue(dispatched.contains(a.number()));
        }
    }

    private static AnnouncementCounters counters(Announcement a) {
        return announcements.find(a.number()).orElseThrow().counters();
    }
}

package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.sqs.SqsAnnouncementQueue;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.announcements.Announcements;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Programme;
import io.convoc.core.notifications.Channel;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.Template;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.EmailSettings;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mass announcements end to end on the local cloud: an e-mail announcement to N invitees, from "send" to every
 * notice SENT (fan-out, queue, e-mail senders with their real work: status writes, MIME, rate, SES), in
 * recipients per second; and in the same run the raw rate of as many SES {@code SendEmail} calls of the same mail
 * made directly, with the senders' concurrency. Then the same announcement with the e-mail rate set, to show the
 * rate kept: the mails per second as the SES emulator received them.
 *
 * <pre>infra/benchmark-announcements [--recipients 10000] [--rate 50] [--rate-recipients 3000]</pre>
 */
public final class AnnouncementBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Measure(int count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int recipients = 10_000;
        int rate = 50;
        int rateRecipients = 3_000;
        int imported = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--recipients" -> recipients = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--rate-recipients" -> rateRecipients = Integer.parseInt(args[++i]);
                case "--import" -> imported = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--recipients N, --rate N, --rate-recipients N, --import N)");
            }
        }
        PrintStream out = System.out;
        // the functions' metric lines (EMF, on standard output as in Lambda) are not the benchmark's output
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        Template template = Template.project();
        int concurrency = ((Number) Template.map(Template.map(Template.map(Template.map(template.function(
                "EmailSenderFunction").get("Events")).get("Emails")).get("Properties")).get("ScalingConfig"))
                .get("MaximumConcurrency")).intValue();

        if (imported > 0) {
            importToInbox(template, imported, concurrency, out);
            return;
        }
        Measure raw;
        Measure pipeline;
        // a data folder, as infra/run-local has: the queues keep the template's visibility timeouts, so the senders
        // run with the template's concurrency (in-memory clouds shorten them for tests, and use one worker)
        try (LocalCloud cloud = LocalCloud.start(template, java.nio.file.Files.createTempDirectory("convoc-bench"),
                parameters(0))) {
            String eventId = seed(cloud, recipients);
            Map<String, Long> cpu = CpuAccount.now();
            raw = rawSends(cloud, eventId, recipients, concurrency);
            out.printf("raw SES SendEmail, %d threads: %d mails in %.1f s = %.0f/s%n", concurrency, raw.count(),
                    raw.seconds(), raw.perSecond());
            Map<String, Long> afterRaw = CpuAccount.now();
            out.print(CpuAccount.perItem(CpuAccount.between(cpu, afterRaw), recipients, "mail"));
            pipeline = announce(cloud, eventId, recipients);
            out.printf("announcement pipeline, no rate: %d recipients in %.1f s = %.0f/s (pipeline ÷ raw = %.2f)%n",
                    pipeline.count(), pipeline.seconds(), pipeline.perSecond(),
                    pipeline.perSecond() / raw.perSecond());
            // what each process spent per recipient, and the rate the two cores allow at that cost
            out.print(CpuAccount.perItem(CpuAccount.between(afterRaw, CpuAccount.now()), recipients, "recipient"));
        }
        try (LocalCloud cloud = LocalCloud.start(template, java.nio.file.Files.createTempDirectory("convoc-bench"),
                parameters(rate))) {
            String eventId = seed(cloud, rateRecipients);
            Instant start = Instant.now();
            Measure limited = announce(cloud, eventId, rateRecipients);
            TreeMap<Long, Integer> perSecond = receivedPerSecond(cloud, start);
            int max = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            // full seconds only: the first and last are partly idle
            double steady = perSecond.size() <= 2 ? limited.perSecond()
                    : perSecond.subMap(perSecond.firstKey(), false, perSecond.lastKey(), false).values().stream()
                    .mapToInt(Integer::intValue).average().orElse(0);
            out.printf("announcement pipeline, rate %d/s: %d recipients in %.1f s = %.1f/s overall; at SES: "
                            + "%.1f/s in full seconds, at most %d in one second%n", rate, limited.count(),
                    limited.seconds(), limited.perSecond(), steady, max);
        }
    }

    /** The template's parameters for a run: short quiet windows, the given e-mail rate (0: none). */
    private static Map<String, String> parameters(int emailRate) {
        Map<String, String> p = new HashMap<>(LocalCloud.TEST_PARAMETERS);
        p.put("EmailRatePerSecond", Integer.toString(emailRate));
        p.put("NoticeMaxReceiveCount", "12");
        System.setProperty("PUBLIC_API_URL", "https://anra.ma");
        return p;
    }

    /** An event with {@code count} invitees, a letter each not needed: an announcement needs none. */
    private static String seed(LocalCloud cloud, int count) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        String eventId = "assises-bench-" + UUID.randomUUID();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assisesAs(eventId));
        RegistrationTable registrations = new RegistrationTable(enhanced, cloud.dynamo(),
                cloud.tableName("RegistrationsTable"), cloud.tableName("RegistrationLookupsTable"));
        Instant now = Instant.now();
        List<Registration> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Registration(UUID.randomUUID().toString(), eventId, null,
                    new PersonName("Samira", "Bennani " + i, "سميرة بناني"), "Experte", "خبيرة", Category.EXPERT,
                    "Université Abdelmalek Essaâdi", null, "invite-" + i + "@example.ma", null,
                    LanguagePreference.BOTH, List.of(), RegistrationSource.IMPORT, RegistrationStatus.LETTER_READY,
                    null, null, now, now));
            if (batch.size() == 500 || i == count - 1) {
                registrations.createAll(batch);
                batch.clear();
            }
        }
        return eventId;
    }

    private static Announcement draft(LocalCloud cloud, String eventId, Announcements service) {
        return service.draft(new AnnouncementDraft(eventId,
                Bilingual.of("Assises : accueil des participants", "المناظرة: استقبال المشاركين"),
                Bilingual.of("Bonjour ((name)),\n\nL'accueil ouvre le 20 décembre à 8 h au Palais des congrès.",
                        "((name))، السلام عليكم،\n\nيُفتح الاستقبال يوم 20 دجنبر على الساعة الثامنة بقصر المؤتمرات."),
                null, EnumSet.of(Channel.EMAIL), Audience.everyone()), "benchmark");
    }

    private static Announcements service(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        return new Announcements(new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable")),
                new ProgrammeTable(enhanced, cloud.tableName("EventsTable")),
                new AnnouncementRecipients(new RegistrationTable(enhanced, cloud.dynamo(),
                        cloud.tableName("RegistrationsTable"), cloud.tableName("RegistrationLookupsTable"))),
                new SqsAnnouncementQueue(cloud.sqs(), cloud.queueUrl("AnnouncementFanOutQueue")), Clock.systemUTC());
    }

    /** The same mail as the pipeline sends (composed by the same composer), sent {@code count} times directly. */
    private static Measure rawSends(LocalCloud cloud, String eventId, int count, int threads) throws Exception {
        Announcements service = service(cloud);
        Announcement a = draft(cloud, eventId, service);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        Programme programme = new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).find(eventId).orElseThrow();
        Registration someone = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable")).list(eventId,
                io.convoc.core.ports.RegistrationQuery.all(), null, 1).items().get(0);
        byte[] mail = new EmailComposer(EmailSettings.builder().from("assises@anra.ma", "Assises").build())
                .compose(new AnnouncementNotice(programme, someone, a),
                        URI.create("https://anra.ma/api/public/unsubscribe/x"), null).raw();
        return rawSends(mail, count, threads);
    }

    /** {@code mail} sent {@code count} times straight to the SES emulator by {@code threads} clients. */
    private static Measure rawSends(byte[] mail, int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                // one client per thread, as each Lambda instance has its own
                try (SesV2Client ses = SesV2Client.create()) {
                    while (next.getAndIncrement() < count) {
                        ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(mail)))));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Measure(count, seconds);
    }

    /** Sends an e-mail announcement to the event's invitees; timed from "send" to every notice SENT. */
    private static Measure announce(LocalCloud cloud, String eventId, int count) throws InterruptedException {
        cloud.startFunctions(List.of("AnnouncementFanOutFunction", "EmailSenderFunction"));
        Announcements service = service(cloud);
        AnnouncementTable announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        Announcement a = draft(cloud, eventId, service);
        long t0 = System.nanoTime();
        service.send(a.id(), null);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Announcement now = announcements.find(a.number()).orElseThrow();
            if (System.nanoTime() > nextReport) {
                // where the time goes: the fan-out's queueing against the senders' sending
                System.out.printf("  %5.1f s: %d queued, %d sent%n", (System.nanoTime() - t0) / 1e9,
                        now.counters().queued(), now.counters().sent());
                nextReport += Duration.ofSeconds(5).toNanos();
            }
            long handled = now.counters().sent() + now.counters().failed() + now.counters().unknown();
            if (handled >= count) {
                if (now.counters().sent() != count) {
                    throw new IllegalStateException("not every notice was sent: " + now.counters());
                }
                return new Measure(count, (System.nanoTime() - t0) / 1e9);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still sending after 30 minutes: " + now.counters());
            }
            Thread.sleep(100);
        }
    }

    /**
     * An import of {@code count} invitees through the api function, timed from the request to every confirmation
     * e-mail accepted by the SES emulator (each with its letter attached), with no sending rate; then, in the same
     * run, as many direct SES calls of a mail of the same size (the same letter attached) at the senders'
     * concurrency: the local cloud's pipeline against its emulator's own speed.
     */
    private static void importToInbox(Template template, int count, int concurrency, PrintStream out) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(template, java.nio.file.Files.createTempDirectory("convoc-bench"),
                parameters(0))) {
            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
            String eventId = "assises-bench-" + UUID.randomUUID();
            new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assisesAs(eventId));
            StringBuilder csv = new StringBuilder("civilité,prénom,nom,nom en arabe,fonction,fonction en arabe,"
                    + "catégorie,organisme,région,courriel,téléphone,langue,ateliers\n");
            for (int i = 0; i < count; i++) {
                csv.append("Madame,Samira,Bennani ").append(i).append(",سميرة بناني,Experte,خبيرة,Expert national / international,")
                        .append("Université Abdelmalek Essaâdi,,invite-").append(i).append("@example.ma,,ar+fr,\n");
            }
            cloud.startFunctions(List.of("OnRegistrationFunction", "EmailSenderFunction"));
            com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api =
                    cloud.newHandler("ApiFunction");
            APIGatewayV2HTTPEvent request = SampleData.apiRequest("import-registrations.json");
            request.setRawQueryString("eventId=" + eventId);
            request.setQueryStringParameters(Map.of("eventId", eventId));
            request.setBody(csv.toString());
            Map<String, Long> cpuBefore = CpuAccount.now();
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse answer = api.handleRequest(request,
                    new io.convoc.localcloud.LocalContext("ApiFunction", 1536, 30));
            if (answer.getStatusCode() != 200 || !answer.getBody().contains("\"created\":" + count)) {
                throw new IllegalStateException("import: " + answer.getStatusCode() + " " + answer.getBody());
            }
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int[] notices;
            while ((notices = confirmations(cloud, eventId))[1] < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("after 30 minutes, " + notices[1] + " of " + count + " e-mails sent");
                }
                if (System.nanoTime() > nextReport) {
                    // where the time goes: letters made (their confirmation queued) against e-mails sent
                    out.printf("  %5.1f s: %d letters made and confirmations queued, %d e-mails at SES%n",
                            (System.nanoTime() - t0) / 1e9, notices[0], notices[1]);
                    nextReport += Duration.ofSeconds(5).toNanos();
                }
                // each look is a scan of the notices table, work the pipeline's emulator does for the benchmark:
                // seldom until the end is near, then often enough for the end to be timed within a quarter second
                Thread.sleep(notices[1] < count * 95 / 100 ? 2000 : 250);
            }
            Measure pipeline = new Measure(count, (System.nanoTime() - t0) / 1e9);
            Map<String, Long> pipelineCpu = CpuAccount.between(cpuBefore, CpuAccount.now());
            // the same mail size: a letter the pipeline made, attached to a composed e-mail
            Registration someone = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                    cloud.tableName("RegistrationLookupsTable")).list(eventId,
                    io.convoc.core.ports.RegistrationQuery.all(), null, 1).items().get(0);
            byte[] letter = cloud.s3().getObjectAsBytes(b -> b.bucket(cloud.bucketName("LettersBucket"))
                    .key(someone.letter().key())).asByteArray();
            Programme programme = new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).find(eventId).orElseThrow();
            byte[] mail = new EmailComposer(EmailSettings.builder().from("assises@anra.ma", "Assises").build())
                    .compose(new io.convoc.notices.Confirmation(programme, someone),
                            io.convoc.notices.email.LetterFile.attachedOnly(someone.letter().reference(), letter)).raw();
            Map<String, Long> beforeRaw = CpuAccount.now();
            Measure raw = rawSends(mail, count, concurrency);
            Map<String, Long> rawCpu = CpuAccount.between(beforeRaw, CpuAccount.now());
            out.printf("import of %d invitees (request answered in %.1f s) to every confirmation e-mail at SES: "
                    + "%.1f s = %.1f e-mails/s%n", count, importSeconds, pipeline.seconds(), pipeline.perSecond());
            out.printf("raw SES SendEmail of the same size (letter attached), %d threads: %.1f s = %.0f/s; "
                    + "pipeline ÷ raw = %.2f%n", concurrency, raw.seconds(), raw.perSecond(),
                    pipeline.perSecond() / raw.perSecond());
            out.print("  the import, per invitee (request, letter, confirmation):\n"
                    + CpuAccount.perItem(pipelineCpu, count, "invitee"));
            out.print("  the raw sends, per mail:\n" + CpuAccount.perItem(rawCpu, count, "mail"));
        }
    }

    /**
     * The event's confirmation e-mails: how many exist (queued once the letter is made), and how many SES has accepted
     * (SENT, or DELIVERED once its report came).
     */
    private static int[] confirmations(LocalCloud cloud, String eventId) {
        int queued = 0;
        int n = 0;
        for (var item : cloud.dynamo().scanPaginator(b -> b.tableName(cloud.tableName("NotificationsTable"))
                .projectionExpression("notificationId, #s, eventId").expressionAttributeNames(Map.of("#s", "status")))
                .items()) {
            var id = item.get("notificationId");
            var status = item.get("status");
            var event = item.get("eventId");
            if (id != null && id.s().startsWith("CONFIRMATION#EMAIL") && event != null && eventId.equals(event.s())) {
                queued++;
                if (status != null && (status.s().equals("SENT") || status.s().equals("DELIVERED"))) {
                    n++;
                }
            }
        }
        return new int[]{queued, n};
    }

    /** Mails the SES emulator received since {@code start}, per second of its clock. */
    private static TreeMap<Long, Integer> receivedPerSecond(LocalCloud cloud, Instant start) throws Exception {
        HttpResponse<String> store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.sesEmulator() + "/store")).build(), HttpResponse.BodyHandlers.ofString());
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        for (JsonNode email : JSON.readTree(store.body()).path("emails")) {
            long at = email.path("at").asLong();
            if (at >= start.getEpochSecond()) {
                perSecond.merge(at, 1, Integer::sum);
            }
        }
        return perSecond;
    }
}

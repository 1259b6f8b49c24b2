package io.convoc.aws.config;

import io.convoc.aws.dynamo.InvitationCodeTable;
import io.convoc.aws.dynamo.ProgrammeChangeTable;
import io.convoc.aws.dynamo.WindowRateLimiter;
import io.convoc.core.invitations.InvitationCodes;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.RateLimiter;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.programme.ProgrammeEditor;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.imports.RegistrationImport;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.RegistrationService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.convoc.aws.s3.S3LetterArchive;
import io.convoc.aws.streams.StreamBatches;
import io.convoc.core.ports.LetterArchive;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.DynamoSendingRate;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.sqs.SqsAnnouncementQueue;
import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.aws.dynamo.ShortLinkTable;
import io.convoc.core.ports.ShortLinks;
import io.convoc.aws.dynamo.PendingReportTable;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.ports.PendingReports;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * AWS clients and the repositories built on them. Clients take region, credentials and endpoint from
 * the standard AWS settings (Lambda's environment, or {@code AWS_ENDPOINT_URL[_SERVICE]} for emulators);
 * table names come from the function's environment as template.yaml sets it.
 */
@Factory
public class AwsFactory {

    /** One light HTTP client for every AWS client: the JDK's, which starts faster than Apache or Netty. */
    @Singleton
    SdkHttpClient httpClient() {
        // the JDK keeps 5 idle connections per host by default: an import writing 16 rows at once would open a new
        // (TLS) connection for most requests. Read once, when the JDK's HTTP keep-alive cache is first used.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        return UrlConnectionHttpClient.create();
    }

    @Singleton
    DynamoDbClient dynamoDbClient(SdkHttpClient http) {
        return DynamoDbClient.builder().httpClient(http).build();
    }

    @Singleton
    DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient dynamo) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
    }

    @Singleton
    ProgrammeRepository programmeRepository(DynamoDbEnhancedClient enhanced, @Value("${EVENTS_TABLE}") String table) {
        return new ProgrammeTable(enhanced, table);
    }

    @Singleton
    ProgrammeChangeLog programmeChangeLog(DynamoDbClient dynamo, @Value("${EVENTS_TABLE}") String table) {
        return new ProgrammeChangeTable(dynamo, table);
    }

    @Singleton
    ProgrammeEditor programmeEditor(ProgrammeRepository programmes) {
        return new ProgrammeEditor(programmes);
    }

    @Singleton
    io.convoc.core.programme.SessionAudience sessionAudience(RegistrationRepository registrations) {
        return new io.convoc.core.programme.SessionAudience(registrations);
    }

    @Singleton
    InvitationCodeRepository invitationCodeRepository(DynamoDbClient dynamo, @Value("${EVENTS_TABLE}") String table) {
        return new InvitationCodeTable(dynamo, table);
    }

    @Singleton
    RateLimiter rateLimiter(DynamoDbClient dynamo, @Value("${REGISTRATION_LOOKUPS_TABLE}") String table, Clock clock) {
        return new WindowRateLimiter(dynamo, table, clock);
    }

    @Singleton
    InvitationCodes invitationCodes(ProgrammeRepository programmes, InvitationCodeRepository codes, Clock clock) {
        return new InvitationCodes(programmes, codes, clock);
    }

    @Singleton
    RegistrationRepository registrationRepository(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo,
                                                  @Value("${REGISTRATIONS_TABLE}") String registrations,
                                                  @Value("${REGISTRATION_LOOKUPS_TABLE}") String lookups) {
        return new RegistrationTable(enhanced, dynamo, registrations, lookups);
    }

    /**
     * S3 client. {@code S3_FORCE_PATH_STYLE=true} is for S3-compatible endpoints (emulators) that serve
     * buckets in the path rather than as host names; AWS itself needs nothing.
     */
    @Singleton
    @Requires(classes = S3Client.class)
    S3Client s3Client(SdkHttpClient http, @Value("${S3_FORCE_PATH_STYLE:false}") boolean pathStyle) {
        return S3Client.builder().httpClient(http).forcePathStyle(pathStyle).build();
    }

    @Singleton
    @Requires(classes = S3Client.class)
    LetterArchive letterArchive(S3Client s3, @Value("${LETTERS_BUCKET}") String bucket) {
        return new S3LetterArchive(s3, bucket);
    }

    @Singleton
    @Requires(classes = S3Client.class)
    S3Presigner s3Presigner(@Value("${S3_FORCE_PATH_STYLE:false}") boolean pathStyle) {
        return S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                .build();
    }

    @Singleton
    DynamoDbStreamsClient dynamoDbStreamsClient(SdkHttpClient http) {
        return DynamoDbStreamsClient.builder().httpClient(http).build();
    }

    @Singleton
    StreamBatches streamBatches(DynamoDbStreamsClient streams, JsonMapper json) {
        return new StreamBatches(streams, json);
    }


    /** Notices, with every announcement notice counted on its announcement in the same write. */
    @Singleton
    NotificationRepository notificationRepository(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo,
                                                  @Value("${NOTIFICATIONS_TABLE}") String table,
                                                  AnnouncementTable announcements) {
        return new NotificationTable(enhanced, dynamo, table, announcements);
    }

    @Singleton
    AnnouncementTable announcementTable(DynamoDbClient dynamo, @Value("${ANNOUNCEMENTS_TABLE}") String table) {
        return new AnnouncementTable(dynamo, table);
    }

    @Singleton
    AnnouncementRecipients announcementRecipients(RegistrationRepository registrations) {
        return new AnnouncementRecipients(registrations);
    }

    /** The fan-out's queue: the api starts a fan-out sent now, the dispatcher a scheduled one, the fan-out goes on. */
    @Singleton
    @Requires(classes = SqsClient.class)
    AnnouncementQueue announcementQueue(SqsClient sqs, @Value("${ANNOUNCEMENT_FANOUT_QUEUE_URL}") String queueUrl) {
        return new SqsAnnouncementQueue(sqs, queueUrl);
    }

    /**
     * The providers' rates, shared by every sender instance (and read by the api to tell how long a send will take):
     * e-mails per second (the SES account's quota) and SMS parts per second.
     */
    @Singleton
    DynamoSendingRate sendingRate(DynamoDbClient dynamo, @Value("${REGISTRATION_LOOKUPS_TABLE}") String table,
                                  @Value("${EMAIL_RATE_PER_SECOND}") int emails,
                                  @Value("${SMS_PARTS_PER_SECOND}") int smsParts, Clock clock) {
        return new DynamoSendingRate(dynamo, table, emails, smsParts, clock);
    }

    @Singleton
    SuppressionList suppressionList(DynamoDbClient dynamo, @Value("${SUPPRESSIONS_TABLE}") String table) {
        return new SuppressionTable(dynamo, table);
    }

    /**
     * The short links of SMS: written by the SMS sender, read by the api's {@code GET /l/{code}}. Produced here, once,
     * since the local run puts every function on one classpath.
     */
    @Singleton
    ShortLinks shortLinks(DynamoDbClient dynamo, @Value("${SHORT_LINKS_TABLE}") String table) {
        return new ShortLinkTable(dynamo, table);
    }

    /** Delivery reports that overtook their send, kept in the notifications table (PENDING#…) for a day. */
    @Singleton
    PendingReports pendingReports(DynamoDbClient dynamo, @Value("${NOTIFICATIONS_TABLE}") String table) {
        return new PendingReportTable(dynamo, table);
    }

    @Singleton
    DeliveryFeedback deliveryFeedback(NotificationRepository notifications, SuppressionList suppressions,
                                      PendingReports pending, Clock clock) {
        return new DeliveryFeedback(notifications, suppressions, pending, clock);
    }

    @Singleton
    @Requires(classes = SqsClient.class)
    SqsClient sqsClient(SdkHttpClient http) {
        return SqsClient.builder().httpClient(http).build();
    }

    @Singleton
    @Requires(classes = SesV2Client.class)
    SesV2Client sesV2Client(SdkHttpClient http) {
        return SesV2Client.builder().httpClient(http).overrideConfiguration(io.convoc.aws.providers.ProviderCalls::configure).build();
    }

    @Singleton
    @Requires(classes = SnsClient.class)
    SnsClient snsClient(SdkHttpClient http) {
        return SnsClient.builder().httpClient(http).overrideConfiguration(io.convoc.aws.providers.ProviderCalls::configure).build();
    }


    @Singleton
    NoticeMessages noticeMessages(JsonMapper json) {
        return new NoticeMessages(json);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    RegistrationService registrationService(ProgrammeRepository programmes, RegistrationRepository registrations,
                                            Clock clock) {
        return new RegistrationService(programmes, registrations, clock);
    }

    @Singleton
    RegistrationImport registrationImport(RegistrationService registrations) {
        return new RegistrationImport(registrations);
    }
}

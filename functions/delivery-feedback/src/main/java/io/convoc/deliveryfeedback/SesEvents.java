package io.convoc.deliveryfeedback;

import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.notifications.DeliveryFeedback.Report;
import io.convoc.core.notifications.DeliveryFeedback.Outcome;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads SES event-publishing records (Delivery, Bounce, Complaint, Reject). Anything else, or a record
 * that cannot be read, is logged and ignored: a report must never block the topic.
 *
 * <p>Bounces after SES's bounce types: every {@code Permanent} one (General, NoEmail, Suppressed,
 * OnAccountSuppressionList, and any subtype SES adds) will fail again, so the notice is BOUNCED and the address
 * suppressed; {@code Transient} ones (General, MailboxFull, MessageTooLarge, ContentRejected, AttachmentRejected)
 * and {@code Undetermined} leave a note on the SENT notice (SES retried already; as GOV.UK Notify's "temporary
 * failure", nothing is suppressed). A {@code Reject} is SES refusing the content (a virus): the notice FAILED,
 * the address not suppressed.
 */
@Singleton
public class SesEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SesEvents.class);
    private final JsonMapper json;

    public SesEvents(JsonMapper json) {
        this.json = json;
    }

    /** One report about one sent mail. */
    public record SesReport(String messageId, Report report, String detail, Instant at) {
    }

    public Optional<SesReport> read(String message) {
        try {
            JsonNode root = json.readValue(message.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            String type = text(root, "eventType", text(root, "notificationType", ""));
            String messageId = text(root.get("mail"), "messageId", null);
            if (messageId == null) {
                LOG.warn("SES event without mail.messageId ignored: {}", type);
                return Optional.empty();
            }
            switch (type) {
                case "Delivery" -> {
                    JsonNode d = root.get("delivery");
                    return Optional.of(new SesReport(messageId, Report.DELIVERED, text(d, "smtpResponse", ""),
                            instant(text(d, "timestamp", null))));
                }
                case "Bounce" -> {
                    JsonNode b = root.get("bounce");
                    String bounceType = text(b, "bounceType", "Undetermined");
                    String detail = bounceType + "/" + text(b, "bounceSubType", "General") + diagnostic(b);
                    return Optional.of(new SesReport(messageId, bounce(bounceType), detail,
                            instant(text(b, "timestamp", null))));
                }
                case "Complaint" -> {
                    JsonNode c = root.get("complaint");
                    return Optional.of(new SesReport(messageId, Report.COMPLAINT,
                            "complaint: " + text(c, "complaintFeedbackType", "unspecified"),
                            instant(text(c, "timestamp", null))));
                }
                case "Reject" -> {
                    JsonNode r = root.get("reject");
                    // a Reject carries no time of its own: the mail's (the time of the send SES refused)
                    return Optional.of(new SesReport(messageId, Report.REJECTED,
                            "rejected by SES: " + text(r, "reason", "unspecified"),
                            instant(text(root.get("mail"), "timestamp", null))));
                }
                default -> {
                    LOG.info("SES event {} for {} ignored", type, messageId);
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable SES event ignored: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Permanent (any subtype) → suppress; Transient and Undetermined → a note. */
    static Report bounce(String bounceType) {
        return "Permanent".equals(bounceType) ? Report.PERMANENT_BOUNCE : Report.TRANSIENT_BOUNCE;
    }

    public Outcome apply(DeliveryFeedback feedback, SesReport report) {
        Outcome outcome = feedback.onReport(report.messageId(), report.report(), report.detail(), report.at());
        // what the providers said of the e-mails (DELIVERED, PERMANENT_BOUNCE…) and what became of the report
        io.convoc.aws.metrics.Measurements.count("DeliveryReports", java.util.Map.of("Channel", "EMAIL",
                "Report", report.report().name(), "Applied", outcome.kind().name()));
        switch (outcome.kind()) {
            case APPLIED -> LOG.atInfo()
                    .addKeyValue("providerMessageId", report.messageId())
                    .addKeyValue("report", report.report().name())
                    .addKeyValue("outcome", outcome.kind().name())
                    .addKeyValue("status", String.valueOf(outcome.status()))
                    .log("SES {} for {}: notice now {}", report.report(), report.messageId(), outcome.status());
            case KEPT -> LOG.atInfo()
                    .addKeyValue("providerMessageId", report.messageId())
                    .addKeyValue("report", report.report().name())
                    .addKeyValue("outcome", outcome.kind().name())
                    .log("SES {} for {} before its send was recorded: kept until it is (a day at most)",
                            report.report(), report.messageId());
            case DROPPED -> LOG.atWarn()
                    .addKeyValue("providerMessageId", report.messageId())
                    .addKeyValue("report", report.report().name())
                    .addKeyValue("outcome", outcome.kind().name())
                    .log("SES {} for unknown message {} of {}: dropped (over a day old)",
                            report.report(), report.messageId(), report.at());
        }
        return outcome;
    }

    private static String diagnostic(JsonNode bounce) {
        JsonNode recipients = bounce == null ? null : bounce.get("bouncedRecipients");
        if (recipients != null && recipients.isArray() && recipients.size() > 0) {
            String code = text(recipients.get(0), "diagnosticCode", null);
            return code == null ? "" : ": " + code;
        }
        return "";
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isString() ? fallback : v.getStringValue();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package io.convoc.deliveryfeedback;

import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.notifications.DeliveryFeedback.Report;
import io.convoc.core.notifications.DeliveryStatus;
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
                    return Optional.of(new SesReport(messageId, "Permanent".equals(bounceType) ? Report.PERMANENT_BOUNCE
                            : Report.TRANSIENT_BOUNCE, detail, instant(text(b, "timestamp", null))));
                }
                case "Complaint" -> {
                    JsonNode c = root.get("complaint");
                    return Optional.of(new SesReport(messageId, Report.COMPLAINT,
                            "complaint: " + text(c, "complaintFeedbackType", "unspecified"),
                            instant(text(c, "timestamp", null))));
                }
                case "Reject" -> {
                    JsonNode r = root.get("reject");
                    return Optional.of(new SesReport(messageId, Report.PERMANENT_BOUNCE,
                            "rejected: " + text(r, "reason", "unspecified"), null));
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

    public void apply(DeliveryFeedback feedback, SesReport report) {
        Optional<DeliveryStatus> status = feedback.onReport(report.messageId(), report.report(), report.detail(),
                report.at());
        if (status.isEmpty()) {
            LOG.warn("SES {} for unknown message {} ignored", report.report(), report.messageId());
        } else {
            LOG.info("SES {} for {}: notice now {}", report.report(), report.messageId(), status.get());
        }
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

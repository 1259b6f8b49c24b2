package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.joda.time.DateTime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What SES event publishing does for a configuration set, locally: every mail the SES emulator accepted
 * becomes a Delivery event on the topic, delivered to the subscribed function as an {@link SNSEvent}. The
 * SES mailbox simulator addresses behave as on AWS: {@code bounce@simulator.amazonses.com} bounces
 * (permanent), {@code complaint@simulator.amazonses.com} is delivered then complained about.
 */
public final class SesEventPublisher implements Runnable {
    static final String BOUNCE = "bounce@simulator.amazonses.com";
    static final String COMPLAINT = "complaint@simulator.amazonses.com";

    private final String sesEmulator;
    private final String topicArn;
    private final RequestHandler<SNSEvent, ?> handler;
    private final String functionName;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> published = new HashSet<>();
    private volatile boolean running = true;

    /** The emulator's clock (epoch seconds) of the newest mail seen. */
    private long since;

    public SesEventPublisher(String sesEmulator, String topicArn, RequestHandler<SNSEvent, ?> handler,
                             String functionName) {
        this.sesEmulator = sesEmulator;
        this.topicArn = topicArn;
        this.handler = handler;
        this.functionName = functionName;
    }

    @Override
    public void run() {
        while (running) {
            try {
                publishNew();
            } catch (Exception e) {
                if (running) {
                    System.err.println("[" + functionName + "] SES events: " + e);
                }
            }
            Emulator.sleep(200);
        }
    }

    void publishNew() throws Exception {
        // only what arrived since the last second seen (the store holds every mail parsed, attachments and all:
        // reading it whole every 200 ms slowed a run as it went on); that second again, for mails that came late in it
        JsonNode store = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sesEmulator + "/store?since="
                + since)).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode mail : store.path("emails")) {
            since = Math.max(since, mail.path("at").asLong(0));
            String messageId = mail.path("messageId").asText();
            if (!published.add(messageId)) {
                continue;
            }
            List<String> to = json.convertValue(mail.path("destination").path("to"), json.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            boolean bounce = to.stream().anyMatch(a -> a.contains(BOUNCE));
            boolean complaint = to.stream().anyMatch(a -> a.contains(COMPLAINT));
            if (bounce) {
                deliver(event("Bounce", messageId, to));
            } else {
                deliver(event("Delivery", messageId, to));
                if (complaint) {
                    deliver(event("Complaint", messageId, to));
                }
            }
        }
    }

    private String event(String type, String messageId, List<String> to) {
        String now = Instant.now().toString();
        ObjectNode root = json.createObjectNode();
        root.put("eventType", type);
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", now);
        mail.put("messageId", messageId);
        ArrayNode destination = mail.putArray("destination");
        to.forEach(destination::add);
        switch (type) {
            case "Delivery" -> {
                ObjectNode d = root.putObject("delivery");
                d.put("timestamp", now);
                d.put("smtpResponse", "250 2.0.0 OK (local inbox)");
                ArrayNode recipients = d.putArray("recipients");
                to.forEach(recipients::add);
            }
            case "Bounce" -> {
                ObjectNode b = root.putObject("bounce");
                b.put("bounceType", "Permanent");
                b.put("bounceSubType", "General");
                b.put("timestamp", now);
                ArrayNode recipients = b.putArray("bouncedRecipients");
                to.forEach(a -> recipients.addObject().put("emailAddress", a)
                        .put("diagnosticCode", "smtp; 550 5.1.1 user unknown"));
            }
            default -> {
                ObjectNode c = root.putObject("complaint");
                c.put("timestamp", now);
                c.put("complaintFeedbackType", "abuse");
            }
        }
        return root.toString();
    }

    private void deliver(String message) {
        SNSEvent.SNS sns = new SNSEvent.SNS();
        sns.setMessageId(UUID.randomUUID().toString());
        sns.setTopicArn(topicArn);
        sns.setType("Notification");
        sns.setMessage(message);
        sns.setTimestamp(new DateTime());
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
        record.setEventSource("aws:sns");
        record.setEventVersion("1.0");
        record.setEventSubscriptionArn(topicArn + ":" + UUID.randomUUID());
        record.setSns(sns);
        SNSEvent event = new SNSEvent();
        event.setRecords(List.of(record));
        handler.handleRequest(event, new LocalContext(functionName, 1024, 30));
    }

    public void stop() {
        running = false;
    }
}

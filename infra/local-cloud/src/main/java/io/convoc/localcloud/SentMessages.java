package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the cloud sent, read from where it lists it: the mails SES accepted and the SMS SNS published. Neither is
 * readable through the AWS APIs, so each emulator has its own listing; this reads the two the local cloud meets,
 * told apart by their shape: aws-ses-v2-local's {@code GET /store} ({@code {"emails":[…]}}) or LocalStack's
 * {@code GET /_aws/ses} ({@code {"messages":[…]}}); the SMS sink's {@code GET /messages} (an array) or LocalStack's
 * {@code GET /_aws/sns/sms-messages} ({@code {"sms_messages":{phone:[…]}}}).
 */
public final class SentMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI mails;
    private final URI sms;

    /**
     * One mail as sent. LocalStack keeps a raw mail as its MIME text only ({@code raw}), with no parsed recipients.
     */
    public record Mail(String id, String from, List<String> to, String subject, String raw) {
        /** Whether {@code address} is among the recipients (a raw mail's: in its header). */
        public boolean isTo(String address) {
            String wanted = address.toLowerCase(Locale.ROOT);
            if (to.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(wanted))) {
                return true;
            }
            if (raw == null) {
                return false;
            }
            int end = raw.indexOf("\r\n\r\n");
            String header = end < 0 ? raw : raw.substring(0, end);
            return header.toLowerCase(Locale.ROOT).contains(wanted);
        }
    }

    public record Sms(String id, String phoneNumber, String message) {
    }

    public SentMessages(URI mails, URI sms) {
        this.mails = mails;
        this.sms = sms;
    }

    public URI mailsUri() {
        return mails;
    }

    public URI smsUri() {
        return sms;
    }

    public List<Mail> mails() {
        return mails(get(mails));
    }

    /** The mails of a listing: aws-ses-v2-local's {@code /store} or LocalStack's {@code /_aws/ses}. */
    static List<Mail> mails(JsonNode root) {
        List<Mail> out = new ArrayList<>();
        if (root.has("emails")) {
            for (JsonNode m : root.path("emails")) {
                List<String> to = new ArrayList<>();
                m.path("destination").path("to").forEach(a -> to.add(a.isTextual() ? a.asText() : a.toString()));
                out.add(new Mail(m.path("messageId").asText(), m.path("from").asText(), to, m.path("subject").asText(),
                        null));
            }
        } else {
            for (JsonNode m : root.path("messages")) {
                List<String> to = new ArrayList<>();
                JsonNode destination = m.path("Destination");
                for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
                    destination.path(field).forEach(a -> to.add(a.asText()));
                }
                out.add(new Mail(m.path("Id").asText(), m.path("Source").asText(), to, m.path("Subject").asText(null),
                        m.path("RawData").asText(null)));
            }
        }
        return out;
    }

    public List<Mail> mailsTo(String address) {
        return mails().stream().filter(m -> m.isTo(address)).toList();
    }

    public List<Sms> sms() {
        return sms(get(sms));
    }

    /** The SMS of a listing: the SMS sink's {@code /messages} or LocalStack's {@code /_aws/sns/sms-messages}. */
    static List<Sms> sms(JsonNode root) {
        List<Sms> out = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(s -> out.add(new Sms(s.path("messageId").asText(), s.path("phoneNumber").asText(),
                    s.path("message").asText())));
        } else {
            root.path("sms_messages").forEach(list -> list.forEach(s -> out.add(new Sms(s.path("MessageId").asText(),
                    s.path("PhoneNumber").asText(), s.path("Message").asText()))));
        }
        return out;
    }

    public List<Sms> smsTo(String phoneNumber) {
        return sms().stream().filter(s -> s.phoneNumber().equals(phoneNumber)).toList();
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + ": HTTP " + answer.statusCode() + " " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + uri, e);
        }
    }
}

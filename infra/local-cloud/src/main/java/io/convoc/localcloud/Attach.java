package io.convoc.localcloud;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an attached local cloud ({@link LocalCloud#attach}) finds the AWS APIs someone else runs: one endpoint for
 * every service (LocalStack) or an endpoint per service, and where that cloud shows what it sent (the mails SES
 * accepted, the SMS SNS published), since neither is readable through the AWS APIs.
 *
 * @param name        what the banner calls the target
 * @param endpoints   the API endpoint of each service
 * @param sentMails   a {@code GET} listing the mails sent: LocalStack's {@code /_aws/ses} or aws-ses-v2-local's
 *                    {@code /store}
 * @param sentSms     a {@code GET} listing the SMS published: LocalStack's {@code /_aws/sns/sms-messages} or the
 *                    SMS sink's {@code /messages}
 * @param localStack  true when the target is LocalStack (what the banner and the README say it lacks)
 */
public record Attach(String name, Map<Service, URI> endpoints, URI sentMails, URI sentSms, boolean localStack) {

    /** The services convoc's functions and the local cloud call. */
    public enum Service { DYNAMODB, DYNAMODB_STREAMS, SQS, S3, SES, SNS, SECRETS_MANAGER }

    public static final URI LOCALSTACK_DEFAULT = URI.create("http://localhost:4566");

    public Attach {
        Objects.requireNonNull(name);
        Objects.requireNonNull(sentMails, "where the sent mails are listed");
        Objects.requireNonNull(sentSms, "where the sent SMS are listed");
        EnumMap<Service, URI> all = new EnumMap<>(Service.class);
        all.putAll(endpoints);
        for (Service service : Service.values()) {
            if (!all.containsKey(service)) {
                throw new IllegalArgumentException("no endpoint for " + service);
            }
        }
        endpoints = Map.copyOf(all);
    }

    /**
     * LocalStack at {@code base} (its edge port serves every service): the mails from its SES inbox, the SMS from
     * its SNS retrospection endpoint, both as documented by LocalStack (the SMS list is per account and region).
     */
    public static Attach localStack(URI base) {
        String root = base.toString().replaceAll("/+$", "");
        if (!root.matches("https?://[^/]+")) {
            throw new IllegalArgumentException("LocalStack's endpoint is http(s)://host:port, not " + base);
        }
        Map<Service, URI> endpoints = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            endpoints.put(service, URI.create(root));
        }
        return new Attach("LocalStack " + root, endpoints, URI.create(root + "/_aws/ses"),
                URI.create(root + "/_aws/sns/sms-messages?accountId=" + LocalCloud.ACCOUNT + "&region=" + LocalCloud.REGION),
                true);
    }

    /** Each service at its own endpoint (DynamoDB Streams at DynamoDB's unless given). */
    public static Attach perService(String name, Map<Service, URI> endpoints, URI sentMails, URI sentSms) {
        Map<Service, URI> all = new EnumMap<>(Service.class);
        all.putAll(endpoints);
        if (!all.containsKey(Service.DYNAMODB_STREAMS) && all.containsKey(Service.DYNAMODB)) {
            all.put(Service.DYNAMODB_STREAMS, all.get(Service.DYNAMODB));
        }
        return new Attach(name, all, sentMails, sentSms, false);
    }

    public URI endpoint(Service service) {
        return endpoints.get(service);
    }
}

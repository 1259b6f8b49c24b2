package io.convoc.aws.dynamo;

import io.convoc.core.notifications.Channel;
import io.convoc.core.ports.SendingRate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The providers' rates as one counter per channel and second in the lookups table ({@code RATE#SEND#<channel>} /
 * epoch second): a sender {@code ADD}s its units (1 per e-mail, the parts of an SMS) to the current second and
 * sends when the total stays within the rate; otherwise it waits for the next second and tries again. Nothing is
 * granted in the last {@value #GUARD_MILLIS} ms of a second, so that a send does not reach the provider in the next
 * second on top of that second's own. Every sender
 * instance counts on the same item, so together they never pass the rate in any calendar second, and while work
 * remains each second fills up to it. An SMS with more parts than the rate goes out alone in its second.
 */
public final class DynamoSendingRate implements SendingRate, SendingRate.PerSecond {
    /** The end of each second in which nothing is granted, longer than a provider call takes to arrive. */
    static final long GUARD_MILLIS = SendingRate.END_OF_SECOND_MILLIS;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int emailsPerSecond;
    private final int smsPartsPerSecond;
    private final Clock clock;

    /** @param emailsPerSecond the rate (0: no limit), likewise {@code smsPartsPerSecond} */
    public DynamoSendingRate(DynamoDbClient dynamo, String table, int emailsPerSecond, int smsPartsPerSecond,
                             Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.emailsPerSecond = emailsPerSecond;
        this.smsPartsPerSecond = smsPartsPerSecond;
        this.clock = clock;
    }

    @Override
    public int perSecond(Channel channel) {
        return channel == Channel.EMAIL ? emailsPerSecond : smsPartsPerSecond;
    }

    @Override
    public boolean acquire(Channel channel, int units, Duration maxWait) {
        int limit = perSecond(channel);
        if (limit <= 0) {
            return true;
        }
        long deadline = clock.millis() + maxWait.toMillis();
        while (true) {
            long now = clock.millis();
            long second = now / 1000;
            if (now % 1000 >= 1000 - GUARD_MILLIS) {
                // too late in this second: a send granted now could reach the provider in the next one, on top of
                // that second's own (measured at the SES emulator: 52 in a second for a rate of 50 without this)
                if ((second + 1) * 1000 > deadline) {
                    return false;
                }
                sleep((second + 1) * 1000 - now);
                continue;
            }
            long total = add(channel, second, units);
            if (total <= limit || total == units) {
                return true;
            }
            long next = (second + 1) * 1000;
            if (next > deadline) {
                return false;
            }
            sleep(next - now);
        }
    }

    private long add(Channel channel, long second, int units) {
        return Long.parseLong(dynamo.updateItem(u -> u.tableName(table)
                .key(Map.of("lookupKey", AttributeValue.fromS("RATE#SEND#" + channel.name()),
                        "sortKey", AttributeValue.fromS(Long.toString(second))))
                .updateExpression("ADD units :units SET expiresAt = :ttl")
                .expressionAttributeValues(Map.of(":units", AttributeValue.fromN(Integer.toString(units)),
                        ":ttl", AttributeValue.fromN(Long.toString(second + 3600))))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("units").n());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sending rate", e);
        }
    }
}

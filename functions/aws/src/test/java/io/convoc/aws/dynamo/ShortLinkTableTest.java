package io.convoc.aws.dynamo;

import io.convoc.core.links.ShortCodes;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The short links table on the DynamoDB emulator, created from template.yaml. */
@ExtendWith(LocalCloudExtension.class)
class ShortLinkTableTest {
    private static LocalCloud cloud;
    private static ShortLinkTable links;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        links = new ShortLinkTable(cloud.dynamo(), cloud.tableName("ShortLinksTable"));
    }

    private static URI target() {
        return URI.create("https://anra.ma/api/public/letters/" + UUID.randomUUID() + ".1.1735689600.Qm9uam91ciBsZXMgQXNz");
    }

    private static Map<String, AttributeValue> item(String code) {
        return cloud.dynamo().getItem(g -> g.tableName(cloud.tableName("ShortLinksTable"))
                .key(Map.of("code", AttributeValue.fromS(code))).consistentRead(true)).item();
    }

    @Test
    void aShortenedLinkResolvesToItsTargetUntilItExpires() {
        URI target = target();
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        String code = links.shorten(target, expires);
        assertEquals(ShortCodes.of(target), code);
        assertEquals(Optional.of(target), links.resolve(code, expires.minusSeconds(1)));
        assertEquals(Optional.empty(), links.resolve(code, expires), "expired at its expiry");
        assertEquals(Optional.empty(), links.resolve(code, expires.plusSeconds(3600)));
        // the TTL attribute DynamoDB deletes by: epoch seconds, as a number
        assertEquals(String.valueOf(expires.getEpochSecond()), item(code).get("expiresAt").n());
    }

    @Test
    void shorteningTheSameTargetAgainRewritesTheSameItem() {
        URI target = target();
        Instant expires = Instant.now().plusSeconds(3600);
        String first = links.shorten(target, expires);
        String again = links.shorten(target, expires);
        assertEquals(first, again);
        assertEquals(target.toString(), item(first).get("target").s());
    }

    @Test
    void unknownAndMalformedCodesResolveToNothing() {
        assertEquals(Optional.empty(), links.resolve("ZZZZZZZZ", Instant.now()));
        for (String malformed : new String[]{null, "", "abc", "abcdefghij", "abc/efgh", "..%2f..ab"}) {
            assertEquals(Optional.empty(), links.resolve(malformed, Instant.now()), String.valueOf(malformed));
        }
    }

    /** Another target already holds a target's code (a collision): the target gets its next code, the other keeps its. */
    @Test
    void aCodeTakenByAnotherTargetIsNeverOverwritten() {
        URI target = target();
        URI other = target();
        Instant expires = Instant.now().plusSeconds(3600);
        String contested = ShortCodes.of(target);
        cloud.dynamo().putItem(p -> p.tableName(cloud.tableName("ShortLinksTable")).item(Map.of(
                "code", AttributeValue.fromS(contested),
                "target", AttributeValue.fromS(other.toString()),
                "expiresAt", AttributeValue.fromN(Long.toString(expires.getEpochSecond())))));
        String code = links.shorten(target, expires);
        assertNotEquals(contested, code);
        assertEquals(ShortCodes.of(target, 1), code);
        assertEquals(Optional.of(target), links.resolve(code, Instant.now()));
        assertEquals(Optional.of(other), links.resolve(contested, Instant.now()));
        assertEquals(code, links.shorten(target, expires), "still the same code when written again");
        assertTrue(ShortCodes.isWellFormed(code));
    }
}

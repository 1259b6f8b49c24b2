package io.convoc.aws.dynamo;

import io.convoc.core.event.Programme;
import io.convoc.core.imports.ImportReport;
import io.convoc.core.imports.ImportRow;
import io.convoc.core.imports.RegistrationImport;
import io.convoc.core.ports.InvalidCursor;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.core.validation.FieldError;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalCloudExtension.class)
class RegistrationTableTest {
    private RegistrationTable table;
    private RegistrationService service;
    private String eventId;

    @BeforeEach
    void setUp(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        ProgrammeTable programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        table = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        // each test gets its own event, so listings never see another test's registrations
        eventId = "test-" + UUID.randomUUID();
        Programme programme = SampleData.assisesAs(eventId);
        programmes.save(programme);
        service = new RegistrationService(programmes, table, Clock.systemUTC());
    }

    private RegistrationRequest request(String email, String lastName, String category, String... workshops) {
        return new RegistrationRequest(eventId, "Madame", "Salma", lastName, "سلمى " + lastName, "Experte", "خبيرة",
                category, "Université", null, email, "0612345678", null, List.of(workshops));
    }

    @Test
    void storesARegistrationAndReadsItBack() {
        Registration stored = service.register(request("salma@example.ma", "Alaoui", "EXPERT", "ws-mobilite"),
                RegistrationSource.FORM);
        Registration read = table.find(stored.id()).orElseThrow();
        assertEquals(stored, read);
        assertEquals(RegistrationStatus.RECEIVED, read.status());
        assertEquals("+212612345678", read.mobile());
        assertEquals(List.of("ws-mobilite"), read.workshops());
    }

    @Test
    void refusesASecondRegistrationWithTheSameAddressWhateverItsCase() {
        Registration first = service.register(request("dup@example.ma", "A", "PRESS"), RegistrationSource.FORM);
        DuplicateRegistration dup = assertThrows(DuplicateRegistration.class,
                () -> service.register(request("DUP@Example.MA", "B", "PRESS"), RegistrationSource.FORM));
        assertEquals(first.id(), dup.existingId());
    }

    @Test
    void concurrentDuplicatesStoreExactlyOne() throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Callable<String> attempt = () -> {
                start.await();
                // the repository's transaction is what must hold, so bypass the service's early check
                Registration r = new Registration(UUID.randomUUID().toString(), eventId, null,
                        new io.convoc.core.registration.PersonName("A", "Race", ""), "", "", Category.PRESS, "",
                        null, "race@example.ma", null, null, List.of("ws-numerique"), RegistrationSource.FORM,
                        RegistrationStatus.RECEIVED, null, null, Instant.now(), Instant.now());
                try {
                    table.create(r);
                    return "stored";
                } catch (DuplicateRegistration d) {
                    return "duplicate";
                }
            };
            results.add(pool.submit(attempt));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, outcomes.stream().filter("stored"::equals).count(), outcomes.toString());
        assertEquals(1, table.list(eventId, new RegistrationQuery(null, "ws-numerique"), null, 50).items().size());
    }

    @Test
    void listsInProtocolOrderPageByPage() {
        service.register(request("p1@example.ma", "Zeroual", "PRESS"), RegistrationSource.FORM);
        service.register(request("e1@example.ma", "Bennani", "EXPERT"), RegistrationSource.FORM);
        service.register(request("g1@example.ma", "Yacoubi", "GOVERNMENT_MEMBER"), RegistrationSource.FORM);
        service.register(request("e2@example.ma", "Amrani", "EXPERT"), RegistrationSource.FORM);

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Registration> page = table.list(eventId, RegistrationQuery.all(), cursor, 3);
            page.items().forEach(r -> names.add(r.name().lastName()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(List.of("Yacoubi", "Amrani", "Bennani", "Zeroual"), names);
        assertTrue(pages >= 2);

        List<String> experts = table.list(eventId, new RegistrationQuery(Category.EXPERT, null), null, 10).items()
                .stream().map(r -> r.name().lastName()).toList();
        assertEquals(List.of("Amrani", "Bennani"), experts);
    }

    @Test
    void listsWhoAttendsAWorkshop() {
        service.register(request("w1@example.ma", "Tazi", "EXPERT", "ws-mobilite", "ws-attractivite"),
                RegistrationSource.FORM);
        service.register(request("w2@example.ma", "Berrada", "REGION_PRESIDENT", "ws-mobilite"), RegistrationSource.FORM);
        service.register(request("w3@example.ma", "Chraibi", "EXPERT", "ws-numerique"), RegistrationSource.FORM);
        List<String> mobility = table.list(eventId, new RegistrationQuery(null, "ws-mobilite"), null, 10).items()
                .stream().map(r -> r.name().lastName()).toList();
        assertEquals(List.of("Berrada", "Tazi"), mobility);
        List<String> expertsInMobility = table.list(eventId, new RegistrationQuery(Category.EXPERT, "ws-mobilite"),
                null, 10).items().stream().map(r -> r.name().lastName()).toList();
        assertEquals(List.of("Tazi"), expertsInMobility);
    }

    @Test
    void refusesACursorFromAnotherListing() {
        service.register(request("c1@example.ma", "A", "PRESS"), RegistrationSource.FORM);
        service.register(request("c2@example.ma", "B", "PRESS"), RegistrationSource.FORM);
        String cursor = table.list(eventId, RegistrationQuery.all(), null, 1).nextCursor();
        assertThrows(InvalidCursor.class, () -> table.list("another-event", RegistrationQuery.all(), cursor, 1));
        assertThrows(InvalidCursor.class, () -> table.list(eventId, RegistrationQuery.all(), "garbage!", 1));
    }

    @Test
    void recordsALetterOnceEvenWhenTheSameResultArrivesTwice() {
        Registration r = service.register(request("l1@example.ma", "Letter", "PRESS"), RegistrationSource.FORM);
        LetterInfo v1 = new LetterInfo(1, "ANRA-2024/0001", "letters/x/v1.pdf", "abc", Instant.parse("2024-12-01T10:00:00Z"));
        assertTrue(table.recordLetter(r.id(), 0, v1, Instant.now()));
        assertFalse(table.recordLetter(r.id(), 0, v1, Instant.now()));
        Registration read = table.find(r.id()).orElseThrow();
        assertEquals(RegistrationStatus.LETTER_READY, read.status());
        assertEquals(v1, read.letter());
        table.recordLetterFailure(r.id(), "late failure", Instant.now());
        assertEquals(RegistrationStatus.LETTER_READY, table.find(r.id()).orElseThrow().status());
    }

    @Test
    void marksALetterFailureWithItsReason() {
        Registration r = service.register(request("f1@example.ma", "Fail", "PRESS"), RegistrationSource.FORM);
        table.recordLetterFailure(r.id(), "font missing", Instant.now());
        Registration read = table.find(r.id()).orElseThrow();
        assertEquals(RegistrationStatus.LETTER_FAILED, read.status());
        assertEquals("font missing", read.statusReason());
        assertNull(read.letter());
    }

    @Test
    void importsGoodRowsOnceAndReportsEveryBadRow() {
        String csv = """
                civilité;prénom;nom;nom en arabe;catégorie;courriel;téléphone;ateliers
                Monsieur;Omar;Benjelloun;عمر بنجلون;Président(e) de région;omar@example.ma;0612345678;ws-attractivite
                Madame;;;;Astronaute;not-an-email;0522223456;ws-inconnu
                Madame;Nadia;Fassi;نادية الفاسي;Presse;nadia@example.ma;;
                Madame;Nadia;Fassi;;Presse;NADIA@example.ma;;
                """;
        RegistrationImport importer = new RegistrationImport(service);
        ImportReport first = importer.importCsv(eventId, csv);
        assertEquals(4, first.rows());
        assertEquals(2, first.created());
        assertEquals(1, first.rejected());
        assertEquals(1, first.alreadyRegistered());
        ImportRow bad = first.results().get(1);
        assertEquals(3, bad.row());
        assertEquals(ImportRow.Outcome.REJECTED, bad.outcome());
        assertEquals(List.of("lastName", "category", "email", "mobile", "workshops"),
                bad.errors().stream().map(FieldError::field).toList());
        assertEquals(first.results().get(2).registrationId(), first.results().get(3).registrationId());

        ImportReport again = importer.importCsv(eventId, csv);
        assertEquals(0, again.created());
        assertEquals(3, again.alreadyRegistered());
        assertEquals(first.results().get(0).registrationId(), again.results().get(0).registrationId());
        assertEquals(2, table.list(eventId, RegistrationQuery.all(), null, 50).items().size());
    }
}

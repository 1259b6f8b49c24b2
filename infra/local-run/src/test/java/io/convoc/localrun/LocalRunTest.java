package io.convoc.localrun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job, as a new user runs it: the local cloud with the sample data, answering on HTTP. */
class LocalRunTest {
    private static LocalRun run;
    private static String output;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A request as an organizer signed in on the local user pool sends it. */
    private static HttpRequest.Builder organizer(URI uri) {
        try {
            return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + run.token("organizer"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = LocalRun.start(new LocalRun.Options(0, null, true), new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        run.close();
    }

    @Test
    void loadsTheSampleEventAndInviteesAndSaysWhereEverythingIs() {
        assertTrue(output.contains("Loaded event assises-2024"), output);
        assertTrue(output.contains("HTTP 200"), output);
        assertTrue(output.contains("\"created\":3"), output);
        assertTrue(output.contains(run.gateway().url() + "/api/registrations"), output);
        // the console, and how to sign in to it as each role
        assertTrue(output.contains("Console (browser)         " + run.gateway().url() + "/console"), output);
        assertTrue(output.contains("sign in as organizer password " + run.consolePassword("organizer")), output);
        assertTrue(output.contains("sign in as protocol  password " + run.consolePassword("protocol")), output);
        // what a user needs to reach the emulators with their own tools
        assertTrue(output.contains("export AWS_REGION=eu-west-3 AWS_DEFAULT_REGION=eu-west-3 AWS_ACCESS_KEY_ID=local"),
                output);
        assertTrue(output.contains("aws --endpoint-url " + run.cloud().endpoints().get("s3") + " s3 cp s3://lettersbucket/"),
                output);
        assertTrue(output.contains("aws --endpoint-url " + run.cloud().endpoints().get("dynamodb")
                + " dynamodb scan --table-name RegistrationsTable"), output);
    }

    /**
     * A registration's whole flow (letter, e-mail delivered, SMS sent) leaves its id in the functions' log lines,
     * never the person's address, number or name: logs are read by more people than the data.
     */
    @Test
    void theLogsOfARegistrationsFlowNameItsIdsButNoContactDataNorName() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String email = "loubna." + unique + "@example.ma";
        String family = "Zniber" + unique.replaceAll("[0-9]", "");
        // 066x: a range of Moroccan mobiles libphonenumber knows (not every 06 prefix is one)
        String mobile = String.format("0661%06d", Math.floorMod(unique.hashCode(), 1_000_000));
        String[] created = new String[1];
        java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = io.convoc.localcloud.LogLines.of(() -> {
            HttpResponse<String> answer = http.send(organizer(URI.create(run.gateway().url() + "/api/registrations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"eventId\":\"assises-2024\",\"lastName\":\"" + family + "\",\"firstName\":\"Loubna\","
                                    + "\"arabicName\":\"لبنى زنيبر\",\"category\":\"EXPERT\","
                                    + "\"email\":\"" + email + "\",\"mobile\":\"" + mobile + "\","
                                    + "\"workshops\":[\"ws-numerique\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, answer.statusCode(), answer.body());
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            created[0] = json.readTree(answer.body()).path("id").asText();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (true) {
                com.fasterxml.jackson.databind.JsonNode r = json.readTree(http.send(organizer(URI.create(
                        run.gateway().url() + "/api/registrations/" + created[0])).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String notices = r.path("notifications").toString();
                if (r.path("status").asText().equals("LETTER_READY") && notices.contains("DELIVERED")
                        && notices.contains("\"SENT\"")) {
                    return null;
                }
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the flow did not end: " + r);
                }
                Thread.sleep(200);
            }
        });
        String id = created[0];
        // one JSON line per handled record, its ids and outcome as fields Logs Insights can filter on
        java.util.List<com.fasterxml.jackson.databind.JsonNode> ofThisPerson =
                io.convoc.localcloud.LogLines.with(lines, "registrationId", id);
        assertTrue(ofThisPerson.stream().anyMatch(l -> l.path("outcome").asText().equals("PRODUCED")
                && l.path("level").asText().equals("INFO")), "the letter's line: " + ofThisPerson);
        for (String channel : java.util.List.of("#EMAIL", "#SMS")) {
            assertTrue(ofThisPerson.stream().anyMatch(l -> l.path("noticeId").asText().contains(channel)
                    && l.path("outcome").asText().equals("SENT")), "the " + channel + " notice's line: " + ofThisPerson);
        }
        String logs = lines.toString();
        String e164 = "+212" + mobile.substring(1);
        for (String secret : java.util.List.of(email, email.toUpperCase(java.util.Locale.ROOT), mobile, e164, family, "زنيبر", "لبنى")) {
            assertFalse(logs.contains(secret), "the logs hold " + secret);
        }
    }

    /**
     * The whole workflow as the README's local run shows it: the sample invitees get their letter, a
     * confirmation e-mail in the local inbox and SMS in the sink, and the notices end DELIVERED / SENT.
     */
    @Test
    void theSampleInviteesGetTheirLettersEmailsAndSms() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> invitees = new java.util.ArrayList<>();
        json.readTree(http.send(organizer(URI.create(run.gateway().url()
                        + "/api/registrations?eventId=assises-2024")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("items").forEach(invitees::add);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        for (com.fasterxml.jackson.databind.JsonNode invitee : invitees) {
            if (!invitee.path("email").asText().endsWith("@example.ma") && !invitee.path("email").asText().endsWith(".fr")) {
                continue;
            }
            String id = invitee.path("id").asText();
            com.fasterxml.jackson.databind.JsonNode registration;
            while (true) {
                registration = json.readTree(http.send(organizer(URI.create(run.gateway().url()
                        + "/api/registrations/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
                boolean emailDelivered = false;
                boolean smsDone = invitee.path("mobile").isNull() || invitee.path("mobile").isMissingNode();
                for (com.fasterxml.jackson.databind.JsonNode n : registration.path("notifications")) {
                    emailDelivered |= n.path("channel").asText().equals("EMAIL") && n.path("status").asText().equals("DELIVERED");
                    smsDone |= n.path("channel").asText().equals("SMS") && n.path("status").asText().equals("SENT");
                }
                if (registration.path("status").asText().equals("LETTER_READY") && emailDelivered && smsDone) {
                    break;
                }
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new AssertionError("not all notices went out: " + registration);
                }
                Thread.sleep(200);
            }
        }
        String inbox = http.send(HttpRequest.newBuilder(URI.create(run.cloud().sesEmulator() + "/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(inbox.contains("omar.benjelloun@example.ma") && inbox.contains("jean.dupont@example.fr"), inbox);
        assertTrue(run.cloud().sms().messagesTo("+212612345678").size() >= 1, "SMS to the first sample invitee");

        // the PDF each sample invitee received is, byte for byte, the letter the protocol office has in S3
        com.fasterxml.jackson.databind.JsonNode store = json.readTree(inbox);
        java.util.Set<String> sample = java.util.Set.of("omar.benjelloun@example.ma", "fz.elidrissi@example.ma",
                "jean.dupont@example.fr");
        for (com.fasterxml.jackson.databind.JsonNode invitee : invitees) {
            if (!sample.contains(invitee.path("email").asText())) {
                continue; // invitees other tests register (their letters may have moved on to later versions)
            }
            String key = json.readTree(http.send(organizer(URI.create(run.gateway().url()
                    + "/api/registrations/" + invitee.path("id").asText())).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("letter").path("reference").asText();
            byte[] stored = run.cloud().s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                    .key("letters/assises-2024/" + invitee.path("id").asText() + "/v1.pdf")).asByteArray();
            boolean found = false;
            for (com.fasterxml.jackson.databind.JsonNode mail : store.path("emails")) {
                if (mail.path("destination").path("to").toString().contains(invitee.path("email").asText())) {
                    for (com.fasterxml.jackson.databind.JsonNode attachment : mail.path("attachments")) {
                        // the calendar travels as a part of its own; the letter is the PDF
                        if (attachment.path("contentType").asText().startsWith("application/pdf")) {
                            byte[] attached = java.util.Base64.getDecoder().decode(attachment.path("content").asText());
                            assertTrue(java.util.Arrays.equals(stored, attached), "letter of " + key);
                            found = true;
                        }
                    }
                }
            }
            assertTrue(found, "a mail to " + invitee.path("email").asText());
        }
    }

    @Test
    void printsATokenForEachRoleAndRefusesCallsWithoutOne() throws Exception {
        assertTrue(output.contains(run.token("organizer")) && output.contains(run.token("protocol")), output);
        URI list = URI.create(run.gateway().url() + "/api/registrations?eventId=assises-2024");
        assertEquals(401, http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        HttpResponse<String> asProtocol = http.send(HttpRequest.newBuilder(list)
                .header("Authorization", "Bearer " + run.token("protocol")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, asProtocol.statusCode(), asProtocol.body());
        assertTrue(asProtocol.body().contains("Benjelloun") && !asProtocol.body().contains("@example"),
                "the protocol office sees names, not contact data: " + asProtocol.body());
        assertEquals(403, http.send(HttpRequest.newBuilder(list).header("Authorization", "Bearer " + run.token("public"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void servesTheApiOverHttpAsApiGatewayWould() throws Exception {
        HttpResponse<String> created = http.send(organizer(URI.create(run.gateway().url() + "/api/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"assises-2024\",\"lastName\":\"Alaoui\","
                        + "\"firstName\":\"Karim\",\"category\":\"EXPERT\",\"email\":\"karim@example.ma\","
                        + "\"mobile\":\"0612345678\",\"workshops\":[\"ws-numerique\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElseThrow().startsWith("/api/registrations/"));

        HttpResponse<String> list = http.send(organizer(URI.create(run.gateway().url()
                + "/api/registrations?eventId=assises-2024&workshop=ws-numerique")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("Alaoui") && list.body().contains("Benjelloun"), list.body());

        HttpResponse<String> nowhere = http.send(organizer(URI.create(run.gateway().url() + "/nowhere"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nowhere.statusCode());
    }

    private com.fasterxml.jackson.databind.JsonNode getJson(String path) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(organizer(
                URI.create(run.gateway().url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String registerTo(String workshop, String email, String mobile, String languages) throws Exception {
        HttpResponse<String> created = http.send(organizer(URI.create(run.gateway().url() + "/api/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"assises-2024\",\"civility\":\"Madame\","
                        + "\"lastName\":\"Tazi\",\"firstName\":\"Nadia\",\"arabicName\":\"نادية التازي\","
                        + "\"category\":\"EXPERT\",\"email\":\"" + email + "\",\"mobile\":\"" + mobile + "\","
                        + "\"languages\":\"" + languages + "\",\"workshops\":[\"" + workshop + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("id").asText();
    }

    /** Polls a registration until {@code condition} holds (60 s at most). */
    private com.fasterxml.jackson.databind.JsonNode awaitRegistration(String id,
            java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> condition) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (true) {
            com.fasterxml.jackson.databind.JsonNode r = getJson("/api/registrations/" + id);
            if (condition.test(r)) {
                return r;
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("registration " + id + " did not reach the expected state: " + r);
            }
            Thread.sleep(200);
        }
    }

    private static boolean notice(com.fasterxml.jackson.databind.JsonNode registration, String kind, String channel,
                                  String language, String status) {
        for (com.fasterxml.jackson.databind.JsonNode n : registration.path("notifications")) {
            if (n.path("kind").asText().equals(kind) && n.path("channel").asText().equals(channel)
                    && (language == null || n.path("language").asText().equals(language))
                    && n.path("status").asText().equals(status)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The third thing the project exists for, as the README shows it: an organizer drafts the sample announcement,
     * previews it, sends it; every sample invitee gets the e-mail (both languages, their name) and an SMS per language
     * with a way to stop them; the announcement ends SENT with its counters; the e-mail's one-click unsubscribe works.
     */
    @Test
    void anAnnouncementReachesTheSampleInviteesByEmailAndSms() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        // what the README posts
        String draft = io.convoc.localcloud.SampleData.text("data/announcement-welcome.json");
        HttpResponse<String> created = http.send(organizer(URI.create(run.gateway().url() + "/api/announcements"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(draft)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = json.readTree(created.body()).path("id").asText();

        com.fasterxml.jackson.databind.JsonNode preview = getJson("/api/announcements/" + id + "/preview");
        assertTrue(preview.path("recipients").path("email").asInt() >= 3, preview.toString());
        assertTrue(preview.path("sms").path("ar").path("text").asText().contains("قصر المؤتمرات"), preview.toString());

        HttpResponse<String> sent = http.send(organizer(URI.create(run.gateway().url() + "/api/announcements/" + id
                + "/send")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, sent.statusCode(), sent.body());

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        com.fasterxml.jackson.databind.JsonNode announcement = getJson("/api/announcements/" + id);
        while (!announcement.path("state").asText().equals("SENT")) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("announcement not SENT: " + announcement);
            }
            Thread.sleep(200);
            announcement = getJson("/api/announcements/" + id);
        }
        com.fasterxml.jackson.databind.JsonNode counters = announcement.path("counters");
        assertEquals(counters.path("queued").asLong(), counters.path("sent").asLong(), counters.toString());
        assertEquals(0, counters.path("outstanding").asLong(), counters.toString());

        com.fasterxml.jackson.databind.JsonNode store = json.readTree(http.send(HttpRequest.newBuilder(
                URI.create(run.cloud().sesEmulator() + "/store")).build(), HttpResponse.BodyHandlers.ofString()).body());
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> mails = new java.util.HashMap<>();
        store.path("emails").forEach(m -> {
            if (m.path("subject").asText().contains("accueil des participants")) {
                for (String who : java.util.List.of("omar.benjelloun", "fz.elidrissi", "jean.dupont")) {
                    if (m.path("destination").path("to").toString().contains(who)) {
                        mails.merge(who, m, (a, b) -> {
                            throw new AssertionError("two announcement mails to " + who);
                        });
                    }
                }
            }
        });
        assertEquals(java.util.Set.of("omar.benjelloun", "fz.elidrissi", "jean.dupont"), mails.keySet());
        String text = mails.get("omar.benjelloun").path("body").path("text").asText();
        assertTrue(text.contains("Benjelloun") && text.contains("يُفتح استقبال المشاركين"), text);
        assertTrue(!text.contains("(("), "every placeholder replaced: " + text);
        assertEquals(0, mails.get("omar.benjelloun").path("attachments").size(), "an announcement attaches nothing");

        java.util.List<String> omarSms = run.cloud().sms().messagesTo("+212612345678").stream()
                .map(io.convoc.localcloud.SmsSink.Sms::message).filter(m -> m.contains("20/12")).toList();
        assertEquals(2, omarSms.size(), "one SMS per language Omar reads: " + omarSms);
        assertTrue(omarSms.stream().anyMatch(m -> m.contains("STOP")), omarSms.toString());

        // the one-click unsubscribe of the e-mail (RFC 8058), as a mail client posts it
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+/api/public/unsubscribe/[^\\s>]+)")
                .matcher(text);
        assertTrue(link.find(), text);
        HttpResponse<String> unsubscribed = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
    }

    /**
     * The second trigger of the workflow as an organizer uses it: moving a workshop through the API reaches, after
     * the quiet window, exactly its participants with a new letter, an e-mail in both languages and an SMS per
     * language they read; the others get nothing, not even a new letter.
     */
    @Test
    void movingAWorkshopReachesExactlyItsParticipantsWithANewLetter() throws Exception {
        String nadia = registerTo("ws-mobilite", "nadia.tazi@example.ma", "0661000001", "fr");
        String other = registerTo("ws-investissement", "hamid.other@example.ma", "0661000002", "ar+fr");
        for (String id : java.util.List.of(nadia, other)) {
            awaitRegistration(id, r -> notice(r, "CONFIRMATION", "EMAIL", null, "DELIVERED"));
        }
        com.fasterxml.jackson.databind.JsonNode session = getJson("/api/events/assises-2024/sessions/ws-mobilite");
        HttpResponse<String> moved = http.send(organizer(URI.create(run.gateway().url()
                        + "/api/events/assises-2024/sessions/ws-mobilite"))
                .header("Content-Type", "application/json")
                .header("If-Match", session.path("etag").asText())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":" + session.path("title") + ","
                        + "\"start\":\"2024-12-21T15:00\",\"end\":\"2024-12-21T17:00\","
                        + "\"room\":{\"fr\":\"Salle 8\",\"ar\":\"القاعة 8\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, moved.statusCode(), moved.body());

        com.fasterxml.jackson.databind.JsonNode changed = awaitRegistration(nadia, r ->
                r.path("letter").path("version").asInt() == 2
                        && notice(r, "SCHEDULE_CHANGE", "EMAIL", null, "DELIVERED")
                        && notice(r, "SCHEDULE_CHANGE", "SMS", "fr", "SENT"));
        assertEquals(java.util.List.of(), java.util.stream.StreamSupport.stream(changed.path("notifications")
                .spliterator(), false).filter(n -> n.path("kind").asText().equals("SCHEDULE_CHANGE")
                && n.path("channel").asText().equals("SMS") && n.path("language").asText().equals("ar")).toList(),
                "a French reader gets the SMS in French only");

        // the e-mail: both languages whatever the preference, before and after, the new letter attached
        com.fasterxml.jackson.databind.JsonNode store = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                http.send(HttpRequest.newBuilder(URI.create(run.cloud().sesEmulator() + "/store")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
        java.util.List<com.fasterxml.jackson.databind.JsonNode> mails = new java.util.ArrayList<>();
        store.path("emails").forEach(m -> {
            if (m.path("destination").path("to").toString().contains("nadia.tazi@example.ma")
                    && m.path("subject").asText().contains("Changement de programme")) {
                mails.add(m);
            }
        });
        assertEquals(1, mails.size(), "one change e-mail");
        com.fasterxml.jackson.databind.JsonNode mail = mails.get(0);
        assertTrue(mail.path("subject").asText().contains("تغيير في البرنامج"), mail.path("subject").asText());
        String text = mail.path("body").path("text").asText();
        assertTrue(text.contains("Salle 8") && text.contains("القاعة 8") && text.contains("15:00"), text);
        byte[] v2 = run.cloud().s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                .key("letters/assises-2024/" + nadia + "/v2.pdf")).asByteArray();
        boolean attached = false;
        for (com.fasterxml.jackson.databind.JsonNode a : mail.path("attachments")) {
            attached |= a.path("contentType").asText().startsWith("application/pdf")
                    && java.util.Arrays.equals(v2, java.util.Base64.getDecoder().decode(a.path("content").asText()));
        }
        assertTrue(attached, "the new letter is attached");
        assertTrue(run.cloud().sms().messagesTo("+212661000001").stream()
                .anyMatch(sms -> sms.message().contains("Salle 8")), "SMS with the new room");

        // the participant of another workshop: nothing, not even a new letter
        com.fasterxml.jackson.databind.JsonNode untouched = getJson("/api/registrations/" + other);
        assertEquals(1, untouched.path("letter").path("version").asInt());
        assertTrue(!notice(untouched, "SCHEDULE_CHANGE", "EMAIL", null, "DELIVERED")
                && !untouched.path("notifications").toString().contains("SCHEDULE_CHANGE"), untouched.toString());
    }

    /**
     * The link of an SMS as a phone opens it: the short link ({@code /l/{code}}, on the gateway's URL locally) answers
     * 302 to the signed letter link, which answers 303 to S3, which serves the letter; an unknown code is a 404 problem.
     */
    @Test
    void theShortLinkOfAnSmsLeadsToTheLetter() throws Exception {
        String id = registerTo("ws-numerique", "short.link@example.ma", "0661000077", "ar");
        awaitRegistration(id, r -> notice(r, "CONFIRMATION", "SMS", "ar", "SENT"));
        String sms = run.cloud().sms().messagesTo("+212661000077").get(0).message();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+/l/[0-9A-Za-z]{8})$").matcher(sms);
        assertTrue(link.find(), sms);
        assertTrue(link.group(1).startsWith(run.gateway().url() + "/l/"), link.group(1));
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> shortLink = noRedirects.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, shortLink.statusCode(), shortLink.body());
        String signed = shortLink.headers().firstValue("Location").orElseThrow();
        assertTrue(signed.startsWith(run.gateway().url() + "/api/public/letters/" + id + ".1."), signed);
        HttpResponse<String> letterLink = noRedirects.send(HttpRequest.newBuilder(URI.create(signed)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, letterLink.statusCode(), letterLink.body());
        byte[] served = noRedirects.send(HttpRequest.newBuilder(URI.create(letterLink.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] stored = run.cloud().s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                .key("letters/assises-2024/" + id + "/v1.pdf")).asByteArray();
        assertTrue(java.util.Arrays.equals(stored, served), "the letter itself");

        HttpResponse<String> unknown = noRedirects.send(HttpRequest.newBuilder(URI.create(run.gateway().url()
                + "/l/Zz9Zz9Zz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElseThrow());
    }
}

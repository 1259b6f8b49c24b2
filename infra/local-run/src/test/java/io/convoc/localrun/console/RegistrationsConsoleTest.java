package io.convoc.localrun.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An organizer's invitees in the console: the list and its filters, a person's page, a CSV import and its report. */
class RegistrationsConsoleTest extends ConsoleBrowser {

    @Test
    void anOrganizerSignsInAndSeesTheSampleInviteesWithTheirLetterAndNoticeStatuses() throws Exception {
        signIn("organizer");
        waitFor(d -> d.getCurrentUrl().endsWith("#/registrations"));
        // the sample data settles: the three sample invitees' letters ready, their confirmations delivered
        reloadUntil(d -> {
            return List.of("Omar Benjelloun", "Fatima Zahra El Idrissi", "Jean Dupont").stream().allMatch(name ->
                    d.findElements(By.cssSelector("#registrations tbody tr")).stream()
                            .filter(row -> row.getText().contains(name)).anyMatch(row ->
                                    !row.findElements(By.cssSelector("[data-status='LETTER_READY']")).isEmpty()
                                            && !row.findElements(By.cssSelector("[data-status='DELIVERED']")).isEmpty()));
        });
        String text = pageText();
        assertTrue(text.contains("Omar Benjelloun"), text);
        assertTrue(text.contains("فاطمة الزهراء الإدريسي"), text);
        assertTrue(text.contains("Lettre d'invitation prête"), text);
        assertTrue(text.contains("omar.benjelloun@example.ma"), "organizers see contact data");
        assertEquals("fr", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("ltr", browser.findElement(By.tagName("html")).getAttribute("dir"));
        screenshot("registrations-fr");
        assertNoScriptErrors();
    }

    @Test
    void filteringByRegionKeepsOnlyTheInviteesOfThatRegion() {
        signIn("organizer");
        open("#/registrations");
        new org.openqa.selenium.support.ui.Select(element("#filter-region"))
                .selectByValue("TANGER_TETOUAN_AL_HOCEIMA");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().contains("region=TANGER_TETOUAN_AL_HOCEIMA"));
        waitForPage();
        List<WebElement> rows = browser.findElements(By.cssSelector("#registrations tbody tr"));
        assertEquals(1, rows.size(), pageText());
        assertTrue(rows.get(0).getText().contains("Omar Benjelloun"));
        assertEquals("TANGER_TETOUAN_AL_HOCEIMA",
                new org.openqa.selenium.support.ui.Select(element("#filter-region")).getFirstSelectedOption()
                        .getAttribute("value"), "the filter stays chosen");
    }

    @Test
    void aPersonsPageShowsTheirNoticesAndTheirStatusesInArabicToo() throws Exception {
        signIn("organizer");
        open("#/registrations");
        browser.findElement(By.partialLinkText("Omar Benjelloun")).click();
        waitFor(d -> d.getCurrentUrl().contains("#/registrations/"));
        waitForPage();
        reloadUntil(d -> {
            return !d.findElements(By.cssSelector("#notices [data-status='DELIVERED']")).isEmpty();
        });
        assertTrue(pageText().contains("Confirmation et lettre"), pageText());
        String address = browser.getCurrentUrl();
        switchLanguage("ar");
        assertEquals(address, browser.getCurrentUrl(), "the switch keeps the page");
        assertMirroredArabic();
        String text = pageText();
        assertTrue(text.contains("تأكيد ورسالة الدعوة"), text);
        assertTrue(text.contains("عمر بنجلون"), text);
        screenshot("registration-ar");
        switchLanguage("fr");
    }

    @Test
    void aNoticeWhoseFateIsUnknownIsSentAgainByAPersonWhoWasWarnedItMayArriveTwice() throws Exception {
        signIn("organizer");
        open("#/registrations");
        browser.findElement(By.partialLinkText("Jean Dupont")).click();
        waitFor(d -> d.getCurrentUrl().contains("#/registrations/"));
        String registration = browser.getCurrentUrl().replaceAll(".*#/registrations/", "");
        // the sample confirmation's answer "was lost": what the reconciler leaves for a person to decide
        WebElement row = reloadUntil(d -> {
            return d.findElements(By.cssSelector("#notices tr")).stream()
                    .filter(r -> !r.findElements(By.cssSelector("[data-status='DELIVERED']")).isEmpty())
                    .findFirst().orElse(null);
        });
        String notice = row.getAttribute("data-id");
        run.cloud().dynamo().updateItem(u -> u.tableName(run.cloud().tableName("NotificationsTable"))
                .key(java.util.Map.of("registrationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(registration),
                        "notificationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(notice)))
                .updateExpression("SET #s = :u, statusReason = :r REMOVE providerMessageId")
                .expressionAttributeNames(java.util.Map.of("#s", "status"))
                .expressionAttributeValues(java.util.Map.of(
                        ":u", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("UNKNOWN"),
                        ":r", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("no answer after the hand-over"))));
        browser.navigate().refresh();
        waitForPage();
        element("button[data-resend='" + notice + "']").click();
        assertTrue(element(".resend p").getText().contains("doublon"), pageText());
        element("button[data-confirm-resend='" + notice + "']").click();
        // sent again by the local e-mail sender, delivered by the SES emulator
        reloadUntil(d -> {
            return d.findElements(By.cssSelector("#notices tr[data-id='" + notice + "'] [data-status='DELIVERED']"))
                    .size() == 1;
        });
        String text = browser.findElement(By.cssSelector("#notices tr[data-id='" + notice + "']")).getText();
        assertTrue(text.contains("resent by local.organizer"), text);
        assertTrue(text.contains("no answer after the hand-over"), "what happened before stays: " + text);
        assertNoScriptErrors();
    }

    @Test
    void aCsvWithABadRowIsImportedExceptThatRowWhichTheReportExplains() throws Exception {
        signIn("organizer");
        open("#/import");
        String unique = Long.toString(System.nanoTime(), 36);
        String csv = "civilité,prénom,nom,nom en arabe,fonction,fonction en arabe,catégorie,organisme,région,courriel,"
                + "téléphone,langue,ateliers\n"
                + "Madame,Salma,Bennani" + ",سلمى بناني,Experte,خبيرة,Expert national / international,Université Mohammed V,"
                + "Rabat-Salé-Kénitra,salma." + unique + "@example.ma,0661234567,fr,ws-numerique\n"
                + "Monsieur,Karim,Tazi,كريم التازي,Expert,خبير,Astronaute,Agence,,karim." + unique
                + "@example.ma,0661234568,fr,\n";
        Path file = Files.createTempFile("invitees", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        element("#import-file").sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("import-submit")).click();
        WebElement summary = element("#import-summary");
        assertTrue(summary.getText().contains("1 inscrit(s)"), summary.getText());
        assertTrue(summary.getText().contains("1 refusée(s)"), summary.getText());
        WebElement bad = browser.findElement(By.cssSelector("#import-rows tr[data-outcome='REJECTED']"));
        assertEquals("3", bad.getAttribute("data-row"), "the file's line of the bad row (the header is line 1)");
        assertFalse(bad.findElements(By.cssSelector("li[data-field='category']")).isEmpty(), bad.getText());
        assertTrue(bad.getText().contains("Astronaute"), "the error quotes the value: " + bad.getText());
        screenshot("import-fr");
        Files.delete(file);
    }
}

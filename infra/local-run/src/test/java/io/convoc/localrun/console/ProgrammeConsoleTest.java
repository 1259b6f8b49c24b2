package io.convoc.localrun.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The programme editor and the invitation codes in the console, as an organizer uses them. */
class ProgrammeConsoleTest extends ConsoleBrowser {

    @Test
    void movingAWorkshopSaysWhoWillHearOfItAndTheyDo() throws Exception {
        signIn("organizer");
        open("#/programme");
        browser.findElement(By.cssSelector("#sessions tr[data-id='ws-numerique'] a")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("#/programme/ws-numerique"));
        waitForPage();
        // the sample invitees: only Omar Benjelloun attends ws-numerique, with a mobile
        String reach = element("#audience").getText();
        assertTrue(reach.contains("ses 1 participant(s)") && reach.contains("pour les 1 qui"), reach);
        screenshot("programme-fr");
        WebElement start = element("input[name='start']");
        String moved = start.getAttribute("value").substring(0, 11) + "17:00";
        WebElement end = element("input[name='end']");
        String movedEnd = end.getAttribute("value").substring(0, 11) + "18:30";
        setValue(end, movedEnd);
        setValue(start, moved);
        browser.findElement(By.id("session-save")).click();
        assertTrue(element("#saved").getText().contains("version 2"), pageText());
        // after the quiet window, Omar's page shows the change's notices
        open("#/registrations");
        browser.findElement(By.partialLinkText("Omar Benjelloun")).click();
        waitForPage();
        reloadUntil(d -> {
            return d.findElements(By.cssSelector("#notices tr")).stream()
                    .anyMatch(row -> row.getText().contains("Changement de programme"));
        });
        screenshot("registration-after-change-fr");
    }

    @Test
    void anEditOverSomeoneElsesSaysSoInsteadOfOverwritingIt() throws Exception {
        signIn("organizer");
        open("#/programme/ws-mobilite");
        // someone else saves the same session meanwhile, through the API
        HttpClient http = HttpClient.newHttpClient();
        URI session = URI.create(run.gateway().url() + "/api/events/assises-2024/sessions/ws-mobilite");
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(session)
                .header("Authorization", "Bearer " + run.token("organizer")).build(), HttpResponse.BodyHandlers.ofString());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        String body = current.body().replaceFirst("\"room\":\\{\"fr\":\"([^\"]*)\"", "\"room\":{\"fr\":\"$1 bis\"");
        assertTrue(body.contains(" bis\""), body);
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(session).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + run.token("organizer")).header("Content-Type", "application/json")
                .header("If-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
        setValue(element("input[name='room.fr']"), "Salle 3");
        browser.findElement(By.id("session-save")).click();
        assertTrue(element("#stale").getText().contains("Quelqu'un a modifié cette séance"), pageText());
    }

    @Test
    void anInvitationCodeNeedsADelegationAndThenAppearsWithItsUses() throws Exception {
        signIn("organizer");
        open("#/invitation-codes");
        new org.openqa.selenium.support.ui.Select(element("#code-category")).selectByValue("EXPERT");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('code-delegation').removeAttribute('required')");
        browser.findElement(By.id("code-create")).click();
        WebElement delegation = waitFor(d -> {
            WebElement e = d.findElement(By.id("code-delegation"));
            return "true".equals(e.getAttribute("aria-invalid")) ? e : null;
        });
        assertFalse(browser.findElements(By.id("code-delegation-error")).isEmpty(), "the error is under the field");
        delegation.sendKeys("Région de l'Oriental");
        browser.findElement(By.id("code-create")).click();
        waitFor(d -> d.findElements(By.cssSelector("#codes tbody tr")).stream()
                .anyMatch(row -> row.getText().contains("Région de l'Oriental") && row.getText().contains("0 sur 10")));
        switchLanguage("ar");
        assertMirroredArabic();
        assertTrue(pageText().contains("رموز الدعوة"), pageText());
        screenshot("invitation-codes-ar");
        switchLanguage("fr");
        assertNoScriptErrors();
    }

    private void setValue(WebElement input, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", input, value);
    }
}

package io.convoc.localrun.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An organizer's mass announcements in the console: the composer and the errors it shows next to the fields the API
 * names, the preview in both languages, sending with the progress moving live to the end, scheduling then
 * cancelling, and the composer in Arabic, mirrored.
 */
class AnnouncementsConsoleTest extends ConsoleBrowser {
    private static final Pattern ANNOUNCEMENT = Pattern.compile("#/announcements/(\\d+)$");

    private void type(String css, String text) {
        WebElement input = element(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Fills the composer (e-mail and SMS, everyone) with {@code subjectAr} as the Arabic subject, and saves. */
    private void compose(String unique, String subjectAr) {
        open("#/announcements/new");
        element("#channel-both").click();
        type("#subject-fr", "Accueil des participants " + unique);
        if (!subjectAr.isEmpty()) {
            type("#subject-ar", subjectAr);
        }
        type("#body-fr", "Bonjour ((name)),\nL'accueil ouvre le 20 décembre à 8 h au Palais des congrès de Tanger.");
        type("#body-ar", "((name))، السلام عليكم،\nيُفتح الاستقبال يوم 20 دجنبر على الساعة الثامنة صباحًا.");
        type("#sms-fr", "Assises : accueil le 20/12 a 8h, Palais des congres de Tanger.");
        type("#sms-ar", "المناظرة: الاستقبال يوم 20/12 على الساعة 8 بقصر المؤتمرات بطنجة.");
        element("#announcement-save").click();
    }

    /** Composes a valid announcement and returns its number, once its page shows the three sample invitees. */
    private String draft(String unique) {
        compose(unique, "استقبال المشاركين " + unique);
        String id = waitFor(d -> {
            Matcher m = ANNOUNCEMENT.matcher(d.getCurrentUrl());
            return m.find() ? m.group(1) : null;
        });
        waitForPage();
        // the sample data settles: the preview counts its three invitees
        waitFor(d -> {
            if (hasTotal(d, "3")) {
                return true;
            }
            d.navigate().refresh();
            waitForPage();
            return hasTotal(d, "3");
        });
        return id;
    }

    private static boolean hasTotal(WebDriver d, String total) {
        return !d.findElements(By.cssSelector("#preview-recipients[data-total='" + total + "']")).isEmpty();
    }

    /** Scrolls the page so that {@code css} starts the window (to see it in a screenshot). */
    private void scrollTo(String css) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'start'})", element(css));
    }

    private String counter(String name) {
        return browser.findElement(By.cssSelector("#announcement-counters [data-counter='" + name + "']"))
                .getAttribute("data-value");
    }

    @Test
    void composingWithoutTheArabicSubjectShowsTheErrorNextToThatField() throws Exception {
        signIn("organizer");
        compose(Long.toString(System.nanoTime(), 36), "");
        WebElement subjectAr = waitFor(d -> d.findElements(By.cssSelector("#subject-ar[aria-invalid='true']")).stream()
                .findFirst().orElse(null));
        assertTrue(browser.getCurrentUrl().endsWith("#/announcements/new"), "the composer stays open");
        WebElement error = element("#subject-ar-error");
        assertEquals("subject-ar-error", subjectAr.getAttribute("aria-describedby"));
        WebElement field = subjectAr.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        assertFalse(field.findElements(By.id("subject-ar-error")).isEmpty(), "the message is in the field's box");
        assertFalse(error.getText().isBlank(), "the API's message, in the page's language");
        assertEquals(1, browser.findElements(By.cssSelector("[aria-invalid='true']")).size(),
                "only the Arabic subject is wrong: " + pageText());
        assertEquals("rtl", subjectAr.getAttribute("dir"));
        assertEquals("ar", subjectAr.getAttribute("lang"));
        assertFalse(browser.findElements(By.cssSelector("#compose-result li[data-field='subject.ar']")).isEmpty(),
                "the problem box names the field too");
        screenshot("announcement-error-fr");
        assertNoScriptErrors();
    }

    @Test
    void aValidAnnouncementIsPreviewedInBothLanguagesWithItsRecipientCount() throws Exception {
        signIn("organizer");
        String unique = Long.toString(System.nanoTime(), 36);
        draft(unique);
        assertEquals("DRAFT", element("#announcement-state").getAttribute("data-state"));
        assertEquals("3", element("#preview-recipients").getAttribute("data-total"));
        WebElement emailFr = element("#preview-email-fr .preview");
        WebElement emailAr = element("#preview-email-ar .preview");
        assertTrue(emailFr.getText().contains("Palais des congrès de Tanger"), emailFr.getText());
        assertTrue(emailAr.getText().contains("يُفتح الاستقبال"), emailAr.getText());
        assertEquals("rtl", emailAr.getAttribute("dir"));
        assertTrue(element("#preview-email-ar .preview-subject").getText().contains("استقبال المشاركين " + unique));
        WebElement smsFr = element("#preview-sms-fr .sms");
        WebElement smsAr = element("#preview-sms-ar .sms");
        assertTrue(smsFr.getText().contains("Palais des congres de Tanger"), smsFr.getText());
        assertTrue(smsAr.getText().contains("بقصر المؤتمرات بطنجة"), smsAr.getText());
        assertEquals("rtl", smsAr.getAttribute("dir"));
        assertFalse(element("#preview-emails").getText().isBlank());
        assertFalse(element("#preview-parts").getText().isBlank());
        assertFalse(element("#preview-duration").getText().isBlank());
        assertTrue(element("h1").getText().contains("Accueil des participants " + unique), "the subject names the page");
        scrollTo("#announcement-preview");
        screenshot("announcement-preview-fr");
        switchLanguage("ar");
        assertMirroredArabic();
        assertTrue(element("h1").getText().contains("استقبال المشاركين " + unique), "the Arabic subject in Arabic");
        assertEquals("3", element("#preview-recipients").getAttribute("data-total"));
        scrollTo("#announcement-preview");
        screenshot("announcement-preview-ar");
        scrollTo("#preview-sms-fr");
        screenshot("announcement-sms-ar");
        switchLanguage("fr");
        assertNoScriptErrors();
    }

    @Test
    void sendingItTheProgressMovesLiveToTheEnd() throws Exception {
        signIn("organizer");
        String unique = Long.toString(System.nanoTime(), 36);
        String id = draft(unique);
        String address = browser.getCurrentUrl();
        element("#announcement-send").click();
        // no reload: the page refreshes itself every 2 seconds while the announcement is being sent
        waitFor(d -> !d.findElements(By.cssSelector("#announcement-state[data-state='SENT']")).isEmpty());
        assertEquals(address, browser.getCurrentUrl(), "the same page, never reloaded by the test");
        long targeted = Long.parseLong(counter("targeted"));
        assertTrue(targeted >= 3, "a notice per invitee at least: " + targeted);
        assertEquals(Long.toString(targeted), counter("sent"), "every notice sent: " + pageText());
        WebElement progress = element("#announcement-progress");
        assertEquals(progress.getAttribute("max"), progress.getAttribute("value"), "the bar is full");
        assertTrue(browser.findElements(By.id("announcement-send")).isEmpty(), "nothing to send any more");
        assertTrue(browser.findElements(By.id("announcement-cancel")).isEmpty(), "nor to cancel");
        screenshot("announcement-sent-fr");
        open("#/announcements");
        WebElement row = element("#announcements tr[data-id='" + id + "']");
        assertEquals("SENT", row.getAttribute("data-state"));
        assertTrue(row.getText().contains("Accueil des participants " + unique), row.getText());
        assertEquals(Long.toString(targeted), row.findElement(By.cssSelector("[data-counter='sent']")).getText().strip());
        screenshot("announcements-fr");
        assertNoScriptErrors();
    }

    @Test
    void aScheduledAnnouncementCancelledShowsCancelled() throws Exception {
        signIn("organizer");
        draft(Long.toString(System.nanoTime(), 36));
        // the composer proposes tomorrow, Moroccan time
        assertFalse(element("#schedule-at").getAttribute("value").isBlank());
        element("#announcement-schedule").click();
        waitFor(d -> !d.findElements(By.cssSelector("#announcement-state[data-state='SCHEDULED']")).isEmpty());
        assertFalse(element("#announcement-scheduled").getText().isBlank(), "when it is to go");
        element("#announcement-cancel").click();
        // a confirmation first: nothing is cancelled yet
        element("#announcement-cancel-keep").click();
        assertEquals("SCHEDULED", element("#announcement-state").getAttribute("data-state"));
        element("#announcement-cancel").click();
        element("#announcement-cancel-confirm").click();
        waitFor(d -> !d.findElements(By.cssSelector("#announcement-state[data-state='CANCELLED']")).isEmpty());
        assertTrue(browser.findElements(By.id("announcement-cancel")).isEmpty(), "nothing to cancel any more");
        assertTrue(pageText().contains("Annulée"), pageText());
        assertTrue(element("#announcement-cancelled-by").getText().contains("local.organizer"), "who cancelled it");
        screenshot("announcement-cancelled-fr");
        assertNoScriptErrors();
    }

    @Test
    void theComposerInArabicIsMirrored() throws Exception {
        signIn("organizer");
        open("#/announcements/new");
        element("#subject-ar");
        assertFalse(browser.findElements(By.cssSelector("#audience-workshops input[type=checkbox]")).isEmpty(),
                "the programme's workshops to choose from");
        assertTrue(element("#placeholders-help").getText().contains("((name))"));
        screenshot("announcement-fr");
        scrollTo("#audience");
        screenshot("announcement-audience-fr");
        switchLanguage("ar");
        assertMirroredArabic();
        WebElement subjectAr = element("#subject-ar");
        assertEquals("rtl", subjectAr.getAttribute("dir"));
        WebElement label = browser.findElement(By.cssSelector("label[for='subject-ar']"));
        assertEquals("rtl", ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(arguments[0]).direction", label));
        WebElement save = element("#announcement-save");
        long width = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth");
        assertTrue(save.getRect().getX() > width / 2, "the form's buttons start on the right in Arabic");
        assertTrue(pageText().contains("تحرير إعلان"), pageText());
        screenshot("announcement-ar");
        scrollTo("#audience");
        screenshot("announcement-audience-ar");
        switchLanguage("fr");
        assertNoScriptErrors();
    }
}

package io.convoc.localrun.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol office's letters in the console: the letters in protocol order, one letter opened (a real PDF) and
 * its downloads, a selection exported to one PDF, the Arabic page, the organizers' audit, and no contact data for the
 * protocol role anywhere it can go.
 */
class LettersConsoleTest extends ConsoleBrowser {
    private static final List<String> SAMPLE = List.of("Omar Benjelloun", "Jean Dupont", "Fatima Zahra El Idrissi");
    private static final List<String> CONTACT_DATA = List.of("omar.benjelloun@example.ma", "fz.elidrissi@example.ma",
            "jean.dupont@example.fr", "0612345678", "+212612345678", "661234567");

    /** Waits, reloading, until the three sample invitees' letters are ready, on the letters page. */
    private void waitForTheSampleLetters() {
        reloadUntil(d -> {
            return SAMPLE.stream().allMatch(name -> d.findElements(By.cssSelector("#letters tbody tr")).stream()
                    .filter(row -> row.getText().contains(name))
                    .anyMatch(row -> "LETTER_READY".equals(row.getAttribute("data-status"))));
        });
    }

    private List<String> rowsInOrder() {
        List<String> names = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#letters tbody tr"))) {
            SAMPLE.stream().filter(name -> row.getText().contains(name)).findFirst().ifPresent(names::add);
        }
        return names;
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertPdf(HttpResponse<byte[]> answer, String url) {
        assertEquals(200, answer.statusCode(), url);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"),
                answer.headers().toString());
        assertTrue(new String(answer.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"),
                "a PDF file");
    }

    @Test
    void aProtocolOfficerSignsInAndLandsOnTheLettersInProtocolOrder() throws Exception {
        signIn("protocol");
        waitFor(d -> d.getCurrentUrl().endsWith("#/letters"));
        waitForTheSampleLetters();
        assertEquals(SAMPLE, rowsInOrder(), "region president, foreign delegation, expert: protocol order");
        String text = pageText();
        assertTrue(text.contains("Lettre d'invitation prête"), text);
        assertTrue(text.contains("فاطمة الزهراء الإدريسي"), text);
        assertTrue(text.contains("Président(e) de région"), text);
        assertTrue(text.contains("Jamais téléchargée") || text.contains("Lien de téléchargement"), text);
        assertTrue(browser.findElement(By.cssSelector("#nav a[aria-current='page']")).getText()
                .contains("Lettres d'invitation"));
        assertTrue(browser.findElements(By.cssSelector("#nav a[href='#/letters/downloads']")).isEmpty(),
                "the by-user audit is the organizers'");
        assertEquals("ltr", browser.findElement(By.tagName("html")).getAttribute("dir"));
        screenshot("letters-fr");
        switchLanguage("ar");
        assertMirroredArabic();
        waitFor(d -> d.findElements(By.cssSelector("#letters tbody tr")).size() >= 3);
        text = pageText();
        assertTrue(text.contains("رسائل الدعوة"), text);
        assertTrue(text.contains("رسالة الدعوة جاهزة"), text);
        WebElement table = browser.findElement(By.id("letters"));
        WebElement firstHeader = table.findElement(By.cssSelector("thead th:first-child"));
        WebElement lastHeader = table.findElement(By.cssSelector("thead th:last-child"));
        assertTrue(firstHeader.getRect().getX() > lastHeader.getRect().getX(), "the table's first column on the right");
        assertEquals(SAMPLE, rowsInOrder(), "the same order in Arabic");
        screenshot("letters-ar");
        switchLanguage("fr");
        assertNoScriptErrors();
    }

    @Test
    void openingALetterReachesThePdfAndTheLettersAuditThenShowsTheDownload() throws Exception {
        signIn("protocol");
        open("#/letters");
        waitForTheSampleLetters();
        browser.findElement(By.partialLinkText("Jean Dupont")).click();
        waitFor(d -> d.getCurrentUrl().contains("#/letters/"));
        waitForPage();
        element("#no-downloads");
        String text = pageText();
        assertTrue(text.contains("Ambassade de France"), text);
        assertTrue(text.contains("Délégation étrangère"), text);
        assertFalse(browser.findElement(By.id("letter-reference")).getText().isBlank(), "the reference");
        assertEquals("1", browser.findElement(By.id("letter-version")).getText());

        String console = browser.getWindowHandle();
        Set<String> before = browser.getWindowHandles();
        element("#letter-open").click();
        WebElement link = element("#letter-link");
        String url = link.getAttribute("href");
        assertTrue(url.contains("X-Amz-Expires=300"), url);
        // the letter opened in a new tab, at the five-minute link, which answers a PDF
        String opened = waitFor(d -> d.getWindowHandles().stream().filter(w -> !before.contains(w)).findFirst()
                .orElse(null));
        WebDriver tab = browser.switchTo().window(opened);
        String tabUrl = waitFor(d -> d.getCurrentUrl().startsWith("http") ? d.getCurrentUrl() : null);
        tab.close();
        browser.switchTo().window(console);
        assertEquals(url, tabUrl);
        assertPdf(fetch(url), url);

        // the audit of this letter now shows the download: who, role, how
        WebElement entry = element("#downloads tbody tr");
        assertEquals("DOWNLOAD", entry.getAttribute("data-kind"));
        assertTrue(entry.getText().contains("protocole"), entry.getText());
        assertEquals(1, browser.findElements(By.cssSelector("#downloads tbody tr")).size(), "one click, one entry");
        screenshot("letter-fr");
        switchLanguage("ar");
        assertMirroredArabic();
        element("#downloads tbody tr");
        assertTrue(pageText().contains("تحميلات هذه الرسالة"), pageText());
        assertTrue(pageText().contains("وفد أجنبي"), pageText());
        screenshot("letter-ar");
        switchLanguage("fr");

        // a download (the file is saved, the console stays): one more entry
        element("#letter-download").click();
        waitFor(d -> d.findElements(By.cssSelector("#downloads tbody tr")).size() == 2);
        assertPdf(fetch(element("#letter-link").getAttribute("href")), "download link");
        assertTrue(browser.getCurrentUrl().contains("#/letters/"), "the console stays on the letter");

        // and the list names the last download
        open("#/letters");
        WebElement row = browser.findElements(By.cssSelector("#letters tbody tr")).stream()
                .filter(r -> r.getText().contains("Jean Dupont")).findFirst().orElseThrow();
        assertTrue(row.getText().contains("protocol"), row.getText());
        assertNoScriptErrors();
    }

    @Test
    void aSelectionOfTwoIsExportedToOnePdfWhoseLinkComesWhenReady() throws Exception {
        signIn("protocol");
        open("#/letters");
        waitForTheSampleLetters();
        List<WebElement> boxes = browser.findElements(By.cssSelector("#letters tbody input.pick"));
        boxes.get(0).click();
        boxes.get(2).click();
        assertTrue(element("#selected-count").getText().contains("2"), element("#selected-count").getText());
        element("#export-selection").click();
        WebElement ready = waitFor(d -> d.findElements(By.cssSelector("#export-state[data-state='READY'], "
                + "#export-state[data-state='FAILED']")).stream().findFirst().orElse(null));
        assertEquals("READY", ready.getAttribute("data-state"), element("#export").getText());
        assertTrue(element("#export").getText().contains("2 lettre(s)"), element("#export").getText());
        String url = element("#export-link").getAttribute("href");
        HttpResponse<byte[]> file = fetch(url);
        assertPdf(file, url);
        screenshot("letters-export-fr");
        assertNoScriptErrors();
    }

    @Test
    void filteringByCategoryKeepsItsLettersAndTheByUserAuditIsNotTheProtocolOfficesPage() {
        signIn("protocol");
        open("#/letters");
        waitForTheSampleLetters();
        new org.openqa.selenium.support.ui.Select(element("#filter-category")).selectByValue("EXPERT");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().contains("category=EXPERT"));
        waitForPage();
        List<WebElement> rows = browser.findElements(By.cssSelector("#letters tbody tr"));
        assertEquals(1, rows.size(), pageText());
        assertTrue(rows.get(0).getText().contains("Fatima Zahra El Idrissi"), rows.get(0).getText());
        assertEquals("EXPERT", new org.openqa.selenium.support.ui.Select(element("#filter-category"))
                .getFirstSelectedOption().getAttribute("value"), "the filter stays chosen");

        open("#/letters/downloads");
        assertTrue(element("main .alert").getText().contains("n'est pas ouverte à votre rôle"), pageText());
    }

    @Test
    void anOrganizerReadsWhatOnePersonDownloaded() throws Exception {
        signIn("protocol");
        open("#/letters");
        waitForTheSampleLetters();
        browser.findElement(By.partialLinkText("Omar Benjelloun")).click();
        waitFor(d -> d.getCurrentUrl().contains("#/letters/"));
        waitForPage();
        element("#letter-download").click();
        element("#downloads tbody tr");

        signIn("organizer");
        open("#/letters/downloads");
        element("#no-user");
        WebElement who = element("#downloads-user");
        new org.openqa.selenium.support.ui.Select(who).selectByIndex(1);
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().contains("#/letters/downloads?user="));
        waitForPage();
        WebElement entry = element("#downloads tbody tr");
        assertTrue(element("#downloads").getText().contains("protocol"), element("#downloads").getText());
        assertTrue(entry.getText().contains("Lien de téléchargement"), entry.getText());
        screenshot("letters-downloads-fr");
        switchLanguage("ar");
        assertMirroredArabic();
        element("#downloads tbody tr");
        screenshot("letters-downloads-ar");
        switchLanguage("fr");
        assertNoScriptErrors();
    }

    @Test
    void theProtocolRoleSeesNoEmailAddressOrMobileAnywhere() throws Exception {
        signIn("protocol");
        open("#/letters");
        waitForTheSampleLetters();
        Set<String> pages = new LinkedHashSet<>();
        for (WebElement a : browser.findElements(By.cssSelector("#nav a"))) {
            pages.add(a.getAttribute("href").substring(a.getAttribute("href").indexOf('#')));
        }
        assertTrue(pages.contains("#/letters") && pages.contains("#/registrations"), pages.toString());
        for (WebElement a : browser.findElements(By.cssSelector("#letters tbody td a[href^='#/letters/']"))) {
            pages.add(a.getAttribute("href").substring(a.getAttribute("href").indexOf('#')));
        }
        open("#/registrations");
        for (WebElement a : browser.findElements(By.cssSelector("#registrations tbody a[href^='#/registrations/']"))) {
            pages.add(a.getAttribute("href").substring(a.getAttribute("href").indexOf('#')));
        }
        assertTrue(pages.size() >= 2 + 3 + 3, "the navigation, three letters and three people: " + pages);
        for (String language : List.of("fr", "ar")) {
            for (String page : pages) {
                open(page);
                if (!language.equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
                    switchLanguage(language);
                }
                String source = pageSource();
                for (String contact : CONTACT_DATA) {
                    assertFalse(source.contains(contact), contact + " on " + page + " (" + language + ")");
                }
                assertFalse(source.contains("\"mailto:"), page);
                assertTrue(browser.findElements(By.cssSelector("main .contact")).isEmpty(), page);
            }
        }
        switchLanguage("fr");
        assertNoScriptErrors();
    }
}

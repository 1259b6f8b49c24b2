package io.convoc.localrun.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of the console, for each role, in each language, on a laptop and on a tablet: saved as screenshots
 * (the test artifacts), each in its language's direction, every field labelled, nothing wider than the screen,
 * no error in the browser.
 */
class EveryPageConsoleTest extends ConsoleBrowser {

    /** The pages a role reaches: its navigation, and one page of each kind the navigation leads to. */
    private List<String> pagesOf(String role) {
        open("#/letters");
        waitFor(d -> !d.findElements(By.cssSelector("main table a[href^='#/letters/']")).isEmpty());
        String letter = browser.findElement(By.cssSelector("main table a[href^='#/letters/']")).getAttribute("href")
                .replaceAll(".*#", "#");
        List<String> pages = new ArrayList<>();
        for (WebElement link : browser.findElements(By.cssSelector("#nav a"))) {
            pages.add(link.getAttribute("href").replaceAll(".*#", "#"));
        }
        pages.add(letter);
        pages.add("#/registrations/" + letter.substring("#/letters/".length()));
        if (role.equals("organizer")) {
            pages.add("#/programme/ws-numerique");
            pages.add("#/announcements/new");
        }
        return pages;
    }

    private void checkEachPage(String role) throws Exception {
        signIn(role);
        List<String> pages = pagesOf(role);
        assertTrue(pages.size() >= (role.equals("organizer") ? 10 : 5), pages.toString());
        for (String language : List.of("fr", "ar")) {
            if (!language.equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
                switchLanguage(language);
            }
            for (String page : pages) {
                open(page);
                String name = role + "-" + page.replaceAll("^#/", "").replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("-[0-9a-f]{8}-[0-9a-f-]+", "-one") + "-" + language;
                assertEquals(language.equals("ar") ? "rtl" : "ltr",
                        browser.findElement(By.tagName("html")).getAttribute("dir"), page);
                assertTrue(browser.findElements(By.cssSelector("main .alert")).isEmpty(),
                        page + ": " + pageText());
                Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                        "return [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]"
                                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')"
                                + " && !e.getAttribute('aria-labelledby')).map(e => e.outerHTML)");
                assertEquals(List.of(), unlabelled, page + ": every field has a label");
                screenshot(name);
                browser.manage().window().setSize(new Dimension(820, 1180)); // a tablet, upright
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertTrue(((Number) overflow).longValue() <= 0, page + " is wider than a tablet by " + overflow + " px");
                screenshot(name + "-tablet");
                browser.manage().window().setSize(new Dimension(1280, 900));
            }
        }
        switchLanguage("fr");
        assertNoScriptErrors();
    }

    /** The keyboard alone: Tab reaches the navigation, Enter opens a page, and the focus moves to that page. */
    @Test
    void aPersonWithoutAMouseMovesThroughTheConsoleWithTheKeyboard() {
        signIn("organizer");
        open("#/registrations");
        browser.findElement(By.tagName("body")).click();
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        WebElement focused = null;
        for (int i = 0; i < 20; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
            String href = focused.getAttribute("href");
            if (href != null && href.endsWith("#/programme")) {
                break;
            }
        }
        assertTrue(String.valueOf(focused.getAttribute("href")).endsWith("#/programme"), "Tab reaches the navigation");
        focused.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor(d -> d.getCurrentUrl().endsWith("#/programme"));
        waitForPage();
        assertEquals("main", browser.switchTo().activeElement().getAttribute("id"),
                "the page shown takes the focus, so that a screen reader reads it next");
        // and the focus is visible where it goes (an outline the style sheet draws for :focus-visible)
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        Object outline = ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("solid", outline, "a visible focus ring");
    }

    @Test
    void everyOrganizerPageInBothLanguagesOnALaptopAndATablet() throws Exception {
        checkEachPage("organizer");
    }

    @Test
    void everyProtocolPageInBothLanguagesOnALaptopAndATablet() throws Exception {
        checkEachPage("protocol");
    }
}

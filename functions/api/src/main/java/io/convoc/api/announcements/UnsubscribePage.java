package io.convoc.api.announcements;

import io.convoc.core.event.Language;
import io.convoc.core.validation.Messages;

/**
 * The two small pages of the unsubscribe link, in French and Arabic (each block with its {@code lang} and
 * {@code dir}), their words from the bundles ({@code unsubscribe.*}), escaped. The question's form POSTs to the page's
 * own address with the body a mail client's one-click sends, so that following the link (a person, or a scanner
 * that opens every link of a mail) never unsubscribes anyone by itself.
 */
final class UnsubscribePage {
    private UnsubscribePage() {
    }

    /** "No more announcements to this address?" and the button. */
    static String question() {
        StringBuilder body = new StringBuilder();
        for (Language language : Language.all()) {
            body.append(block(language, "<p>" + text(language, "unsubscribe.question") + "</p>"));
        }
        // one button for both languages, in both: the form is the same
        body.append("<form method=\"post\" action=\"\" style=\"text-align:center;margin:24px 0;\">")
                .append("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                .append("<button type=\"submit\" style=\"font-size:16px;padding:10px 20px;\">")
                .append("<span lang=\"fr\" dir=\"ltr\">").append(text(Language.FR, "unsubscribe.button"))
                .append("</span> / <span lang=\"ar\" dir=\"rtl\">").append(text(Language.AR, "unsubscribe.button"))
                .append("</span></button></form>");
        return page(body.toString());
    }

    /** "Done: no more announcements to this address." */
    static String done() {
        StringBuilder body = new StringBuilder();
        for (Language language : Language.all()) {
            body.append(block(language, "<p>" + text(language, "unsubscribe.done") + "</p>"));
        }
        return page(body.toString());
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + text(Language.FR, "unsubscribe.title") + " | " + text(Language.AR, "unsubscribe.title")
                + "</title></head>\n<body style=\"max-width:640px;margin:0 auto;padding:20px;"
                + "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;\">\n" + body
                + "</body></html>\n";
    }

    private static String block(Language language, String content) {
        String dir = language.rightToLeft() ? "rtl" : "ltr";
        String style = language.rightToLeft()
                ? "text-align:right;font-family:Tahoma,Arial,sans-serif;font-size:17px;line-height:1.7;"
                : "text-align:left;";
        return "<div lang=\"" + language.tag() + "\" dir=\"" + dir + "\" style=\"" + style + "\">"
                + "<h1 style=\"font-size:20px;\">" + text(language, "unsubscribe.title") + "</h1>" + content
                + "</div>\n";
    }

    private static String text(Language language, String key) {
        return escape(Messages.text(language, key));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package io.convoc.core.ports;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;

import java.io.OutputStream;
import java.time.Instant;

/**
 * Binds letters into one print-ready PDF: a cover listing them (reference, name, category, first page), then the
 * letters in the order given. Letters are kept out of memory (a temporary file) until they are bound.
 */
public interface LetterBinder {

    /** A new binding for an export of {@code programme}'s event, made at {@code at}. */
    Binding open(Programme programme, LetterSelection selection, Instant at);

    /** A letter as the cover lists it. */
    record Entry(String registrationId, String reference, PersonName name, Category category, int version) {
    }

    /** What was bound: pages in all, of which the cover's. */
    record Bound(int pages, int coverPages, int letters) {
    }

    interface Binding extends AutoCloseable {
        /**
         * Keeps a letter for binding after those added before.
         *
         * @return its number of pages
         * @throws IllegalArgumentException when the bytes are not a readable PDF
         */
        int add(Entry entry, byte[] pdf);

        /** Writes the cover and every letter added, in order, to {@code out}. */
        Bound writeTo(OutputStream out);

        /** Deletes what the binding kept. */
        @Override
        void close();
    }
}

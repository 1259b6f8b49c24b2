/**
 * The bilingual invitation letter as a tagged PDF/A-3a and PDF/UA-1 document:
 * {@link io.convoc.letters.LetterRenderer} turns an {@link io.convoc.core.letters.InvitationLetter} into bytes.
 *
 * <p>How a letter is made: {@code LetterContent} says what the letter says (message bundles
 * {@code letter*.properties}, labels from core's {@code Messages}, the event and the registration);
 * {@code LetterLayout} sets it in two aligned columns with {@code Typesetter} (ICU shaping and bidi, a face per
 * script, an {@code ActualText} for the lines poppler would misread) and cuts it into pages; {@code ContentWriter}
 * records the glyphs used, {@code EmbeddedFonts} makes one subset per face (with one ToUnicode map for all), and the
 * content streams are written with the subsets' glyph ids, each paragraph a marked-content sequence;
 * {@code Structure} builds the structure tree over them; {@code PdfA} adds the XMP metadata, the sRGB output intent,
 * the language and a content-derived file identifier.
 */
package io.convoc.letters;

/**
 * The bilingual invitation letter as a PDF/A-3b document: {@link io.convoc.letters.LetterRenderer} turns an
 * {@link io.convoc.core.letters.InvitationLetter} into bytes.
 *
 * <p>How a letter is made: {@code LetterContent} says what the letter says (message bundles
 * {@code letter*.properties}, labels from core's {@code Messages}, the event and the registration);
 * {@code LetterLayout} sets it in two aligned columns with {@code Typesetter} (ICU shaping and bidi, a face per
 * script) and cuts it into pages; {@code ContentWriter} records the glyphs used, {@code EmbeddedFonts} makes one
 * subset per face, and the content streams are written with the subsets' glyph ids; {@code PdfA} adds the XMP
 * metadata, the sRGB output intent, the language and a content-derived file identifier.
 */
package io.convoc.letters;

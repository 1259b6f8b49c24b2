package io.convoc.onregistration;

import io.convoc.core.letters.InvitationLetter;
import io.convoc.core.ports.LetterPrinter;
import io.convoc.letters.LetterRenderer;

/** The PDF renderer behind the letters workflow's printer port. */
final class PdfLetterPrinter implements LetterPrinter {
    @Override
    public byte[] print(InvitationLetter l) {
        return LetterRenderer.shared().render(new io.convoc.letters.InvitationLetter(l.programme(), l.registration(),
                l.reference(), l.version(), l.issuedOn(), l.qrPayload()));
    }
}

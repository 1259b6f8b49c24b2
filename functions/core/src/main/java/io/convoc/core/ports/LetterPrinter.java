package io.convoc.core.ports;

import io.convoc.core.letters.InvitationLetter;

/** Renders an invitation letter as a PDF; the same request always gives the same bytes. */
public interface LetterPrinter {
    byte[] print(InvitationLetter request);
}

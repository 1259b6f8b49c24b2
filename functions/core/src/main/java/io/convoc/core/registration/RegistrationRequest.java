package io.convoc.core.registration;

import java.util.List;

/**
 * A registration as typed by a person or read from an import row: raw text, not yet trusted.
 * Enumerated fields accept the code ({@code REGION_PRESIDENT}) or the French or Arabic label.
 */
public record RegistrationRequest(
        String eventId,
        String civility,
        String firstName,
        String lastName,
        String arabicName,
        String titleFr,
        String titleAr,
        String category,
        String organisation,
        String region,
        String email,
        String mobile,
        String languages,
        List<String> workshops) {

    public RegistrationRequest {
        workshops = workshops == null ? List.of() : List.copyOf(workshops);
    }
}

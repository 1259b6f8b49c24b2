package io.convoc.core.invitations;

/**
 * A code as an organizer asks for it, as typed.
 *
 * @param expiresAt ISO-8601 instant ({@code 2024-12-15T23:59:00Z}); null: the event's last day, end of day
 */
public record InvitationCodeDraft(String delegation, String category, String region, String maxUses,
                                  String expiresAt) {
}

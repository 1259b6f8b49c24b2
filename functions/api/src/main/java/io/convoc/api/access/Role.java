package io.convoc.api.access;

/**
 * Who may call a route. Organizers (Ministry of the Interior, Association of Moroccan Regions) manage invitees, the
 * programme and announcements; the protocol office reads letters and statuses, never contact data; the public
 * reaches only the self-registration form and the signed links that invitees receive.
 */
public enum Role {
    PUBLIC,
    PROTOCOL,
    ORGANIZER
}

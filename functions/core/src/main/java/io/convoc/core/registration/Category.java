package io.convoc.core.registration;

/**
 * Participant categories, declared in protocol order: the protocol office prints and seats
 * invitees in this order, so never reorder without asking them.
 */
public enum Category {
    GOVERNMENT_MEMBER,
    WALI_GOVERNOR,
    REGION_PRESIDENT,
    FOREIGN_DELEGATION,
    COMMUNAL_COUNCIL_MEMBER,
    EXPERT,
    ECONOMIC_POLITICAL_ACTOR,
    PRESS;

    /** Two digits, so that a string sort key sorts by protocol rank. */
    public String rank() {
        return String.format("%02d", ordinal() + 1);
    }
}

package io.convoc.core.letters;

/**
 * Who asks for a letter, as the audit keeps it: the token's subject and user name, the role the request was served
 * under, and where the request came from (source address and user agent, as the API gateway saw them).
 */
public record Requester(String subject, String userName, String role, String sourceIp, String userAgent) {
    public Requester {
        subject = subject == null ? "" : subject;
        userName = userName == null ? "" : userName;
        role = role == null ? "" : role;
        sourceIp = sourceIp == null ? "" : sourceIp;
        userAgent = userAgent == null ? "" : userAgent;
    }
}

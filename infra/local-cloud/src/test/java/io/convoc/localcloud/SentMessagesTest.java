package io.convoc.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LocalStack's listings, in the shapes its source writes them (SES: {@code save_for_retrospection}, a simple mail with
 * its parsed destination, a raw one as its MIME text only; SNS: {@code SNSServiceSMSMessagesApiResource}, by phone
 * number). The embedded emulators' listings are read by the attach test, on the emulators themselves; LocalStack is
 * not available here, so these are its records as documented.
 */
class SentMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsLocalStacksSesInboxWithSimpleAndRawMails() throws Exception {
        List<SentMessages.Mail> mails = SentMessages.mails(JSON.readTree("""
                {"messages": [
                  {"Id": "a1", "Region": "eu-west-3", "Source": "ne-pas-repondre@convoc.example.ma",
                   "Destination": {"ToAddresses": ["omar.benjelloun@example.ma"], "CcAddresses": []},
                   "Subject": "Inscription confirmée", "Body": {"text_part": "Bonjour", "html_part": null},
                   "Timestamp": "2026-12-01T10:00:00"},
                  {"Id": "a2", "Region": "eu-west-3", "Source": "ne-pas-repondre@convoc.example.ma",
                   "Destination": {},
                   "RawData": "From: =?UTF-8?Q?Assises?= <ne-pas-repondre@convoc.example.ma>\\r\\nTo: Jean Dupont\\r\\n <jean.dupont@example.fr>\\r\\nSubject: =?UTF-8?Q?Inscription?=\\r\\n\\r\\nTransmis aussi à omar.benjelloun@example.ma",
                   "Timestamp": "2026-12-01T10:00:01"}
                ]}"""));
        assertEquals(2, mails.size());
        assertEquals("Inscription confirmée", mails.get(0).subject());
        assertNull(mails.get(1).subject(), "a raw mail's subject stays in its MIME text");
        assertEquals(List.of("a1"), ids(mails, "omar.benjelloun@example.ma"),
                "a raw mail is to whom its header names, not whom its body mentions");
        assertEquals(List.of("a2"), ids(mails, "JEAN.DUPONT@example.fr"));
        assertTrue(ids(mails, "karim@example.ma").isEmpty());
    }

    @Test
    void readsLocalStacksSmsListGroupedByPhoneNumber() throws Exception {
        List<SentMessages.Sms> sms = SentMessages.sms(JSON.readTree("""
                {"sms_messages": {
                  "+212661234567": [
                    {"PhoneNumber": "+212661234567", "TopicArn": null, "SubscriptionArn": null, "MessageId": "m1",
                     "Message": "Inscription confirmée", "MessageAttributes": {}, "MessageStructure": null,
                     "Subject": null},
                    {"PhoneNumber": "+212661234567", "MessageId": "m2", "Message": "تأكيد التسجيل"}],
                  "+33612345678": [{"PhoneNumber": "+33612345678", "MessageId": "m3", "Message": "Bonjour"}]},
                 "region": "eu-west-3"}"""));
        assertEquals(3, sms.size());
        assertEquals(List.of("Inscription confirmée", "تأكيد التسجيل"), sms.stream()
                .filter(s -> s.phoneNumber().equals("+212661234567")).map(SentMessages.Sms::message).toList());
    }

    private static List<String> ids(List<SentMessages.Mail> mails, String address) {
        return mails.stream().filter(m -> m.isTo(address)).map(SentMessages.Mail::id).toList();
    }
}

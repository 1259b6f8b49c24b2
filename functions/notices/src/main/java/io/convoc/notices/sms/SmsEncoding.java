package io.convoc.notices.sms;

/**
 * How an SMS is encoded, and so how much fits in one part. A concatenated message loses 7 septets (GSM) or
 * 3 characters (UCS-2) per part to the user data header that numbers the parts.
 */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet, 7 bits a character (extension characters take two). */
    GSM_7BIT(160, 153),
    /** UTF-16 code units, 16 bits each: any character, at less than half the density. */
    UCS_2(70, 67);

    private final int singlePart;
    private final int perPartWhenConcatenated;

    SmsEncoding(int singlePart, int perPartWhenConcatenated) {
        this.singlePart = singlePart;
        this.perPartWhenConcatenated = perPartWhenConcatenated;
    }

    /** Units (septets or code units) that fit in a message of one part: 160 or 70. */
    public int singlePart() {
        return singlePart;
    }

    /** Units per part of a message of several parts: 153 or 67. */
    public int perPartWhenConcatenated() {
        return perPartWhenConcatenated;
    }
}

package io.convoc.core.announcements;

/**
 * An announcement's progress, counted in notices (one per recipient and channel, an SMS one per language). Each
 * count moves in the same write as the notice it counts (its creation or its change of status), so none is counted
 * twice or lost.
 *
 * @param targeted    notices written by the fan-out, whatever became of them
 * @param queued      of those, handed to the senders (the others were suppressed at once)
 * @param sent        accepted by the provider
 * @param delivered   reported delivered by the provider (e-mail)
 * @param bounced     bounced or complained of
 * @param failed      that could not be sent, with a reason
 * @param suppressed  never sent: an address that bounced before or opted out of announcements
 * @param cancelled   withdrawn by a cancellation before reaching the provider
 * @param unknown     sent or not, to look at (the provider's answer was lost)
 * @param outstanding queued notices not yet out of the senders' hands (sent, failed, suppressed, cancelled, unknown)
 */
public record AnnouncementCounters(long targeted, long queued, long sent, long delivered, long bounced, long failed,
                                   long suppressed, long cancelled, long unknown, long outstanding) {

    public static final AnnouncementCounters NONE = new AnnouncementCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

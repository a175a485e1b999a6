package org.cbdf.portal.transfers;

import org.cbdf.transfer.events.TransferEvents;

/**
 * How a list of transfers follows its live stream ({@code GET /live/transfers}: every change of every transfer the
 * user may see): which changes may alter what it shows, and what the page does then. static/js/live.js reads it
 * from the list's {@code data-live-*} attributes.
 *
 * <ul>
 * <li>a change of a transfer the list shows always may;</li>
 * <li>a change of another one only if it may bring that transfer into the list ({@link #enter()}): on a later page,
 * or for one whole id, none does; with a status chosen, one now in that status ({@link #statuses()}); otherwise a
 * transfer that just became visible ({@link #types()}: submitted, or assessed, which may add a required approver);
 * and its id must contain the part of an id searched for ({@link #idPart()}).</li>
 * </ul>
 *
 * @param refresh {@code auto}: the list reloads by itself, unless the pointer or the keyboard focus is in it (it
 *                then says how many transfers changed and reloads when they leave it, or at once on "Refresh the
 *                list"); {@code notice}: it only says so and reloads on "Refresh the list"
 * @param fallback seconds between reloads while the live stream is not open (an unavailable transfer service, a
 *                 browser without event streams); {@code null}: none
 */
public record LiveList(String refresh, boolean enter, String statuses, String types, String idPart, Integer fallback) {

    private static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

    /**
     * The regulator's inbox: a work queue that keeps itself up to date, once a minute without the stream. It always
     * counts what awaits the regulator's decision, so a transfer now awaiting approval may change it whatever it shows.
     */
    static LiveList inbox(TransferFilter filter) {
        return new LiveList("auto", !filter.wholeId(),
                filter.awaiting() ? AWAITING_APPROVAL : AWAITING_APPROVAL + " " + filter.show(), null,
                partial(filter.q(), filter.wholeId()), 60);
    }

    /**
     * The transfers search (newest first, paged): results the user is reading, which change only when the user asks;
     * new transfers can only enter its first page.
     */
    static LiveList search(TransferFilter search) {
        boolean enter = search.firstPage() && !search.wholeId();
        return new LiveList("notice", enter, search.status(),
                search.status() == null ? TransferEvents.SUBMITTED_V1 + " " + TransferEvents.ASSESSED_V1 : null,
                partial(search.q(), search.wholeId()), null);
    }

    private static String partial(String q, boolean whole) {
        return q == null || whole ? null : q;
    }
}

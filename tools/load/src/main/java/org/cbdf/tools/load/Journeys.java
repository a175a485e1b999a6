package org.cbdf.tools.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every accepted transfer's way through the platform: submitted (due time), accepted (HTTP 201), assessed (its
 * {@code transfer.assessed.v1} seen on the topic), its submission and its assessment appended to the audit ledger.
 * <p>
 * The sightings come from other threads and may come first: under load the assessed event can be consumed before the
 * submitter has read its 201. A sighting of an unknown transfer is kept until the transfer is accepted (or forgotten
 * after a while if it was someone else's transfer). Per transfer, updates are serialised on its journey; figures are
 * recorded once, when both ends of a latency are known.
 */
final class Journeys {

    private static final long UNSEEN = Long.MIN_VALUE;

    final Counters all = new Counters();
    final Counters measured = new Counters();
    final Latency toAccepted = new Latency();
    final Latency toAssessed = new Latency();
    final Latency toSubmissionAudited = new Latency();
    final Latency toAudited = new Latency();

    private final boolean followAudit;
    private final Ticker ticker;
    private final ConcurrentHashMap<String, Journey> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final LongAdder done = new LongAdder();

    /** @param followAudit whether a transfer is finished only once both its events are in the audit ledger */
    Journeys(boolean followAudit, Ticker ticker) {
        this.followAudit = followAudit;
        this.ticker = ticker;
    }

    private static final class Journey {
        final long firstSeen;
        boolean submitted;
        String scenario;
        long due;
        boolean warmup;
        long assessedAt = UNSEEN;
        String status;
        long submissionAuditedAt = UNSEEN;
        long auditedAt = UNSEEN;
        boolean assessedCounted;
        boolean submissionAuditedCounted;
        boolean auditedCounted;
        boolean finished;
        /** Forgotten as someone else's transfer: no longer in the map, so an update must start a new journey. */
        boolean forgotten;

        Journey(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    void sent(boolean warmup) {
        all.sent.increment();
        if (!warmup) {
            measured.sent.increment();
        }
    }

    void refused(boolean warmup, String kind) {
        all.error(kind);
        if (!warmup) {
            measured.error(kind);
        }
    }

    void accepted(String id, String scenario, long dueNanos, boolean warmup, long acceptedNanos) {
        all.accepted.increment();
        all.lastAccepted.accumulate(acceptedNanos);
        if (!warmup) {
            measured.accepted.increment();
            measured.lastAccepted.accumulate(acceptedNanos);
            toAccepted.recordNanos(acceptedNanos - dueNanos);
        }
        update(id, journey -> {
            journey.submitted = true;
            journey.scenario = scenario;
            journey.due = dueNanos;
            journey.warmup = warmup;
        });
    }

    void assessed(String id, String status, long atNanos) {
        update(id, journey -> {
            if (journey.assessedAt == UNSEEN) {
                journey.assessedAt = atNanos;
                journey.status = status;
            }
        });
    }

    void submissionAudited(String id, long atNanos) {
        update(id, journey -> {
            if (journey.submissionAuditedAt == UNSEEN) {
                journey.submissionAuditedAt = atNanos;
            }
        });
    }

    void audited(String id, long atNanos) {
        update(id, journey -> {
            if (journey.auditedAt == UNSEEN) {
                journey.auditedAt = atNanos;
            }
        });
    }

    /** Accepted transfers that are not finished yet. */
    long outstanding() {
        return all.accepted.sum() - done.sum();
    }

    /** Forgets sightings of transfers this run never submitted, seen more than {@code ageNanos} ago. */
    void forgetStrangers(long ageNanos) {
        long now = ticker.nanoTime();
        byId.forEach((id, journey) -> {
            synchronized (journey) {
                if (!journey.submitted && now - journey.firstSeen > ageNanos) {
                    journey.forgotten = true;
                    byId.remove(id, journey);
                }
            }
        });
    }

    /** The accepted transfers that did not finish: by what is missing, ids sorted. */
    Unfinished unfinished() {
        List<String> notAssessed = new ArrayList<>();
        List<String> submissionNotAudited = new ArrayList<>();
        List<String> assessmentNotAudited = new ArrayList<>();
        byId.forEach((id, journey) -> {
            synchronized (journey) {
                if (!journey.submitted || journey.finished) {
                    return;
                }
                if (journey.assessedAt == UNSEEN) {
                    notAssessed.add(id);
                }
                if (followAudit && journey.submissionAuditedAt == UNSEEN) {
                    submissionNotAudited.add(id);
                }
                if (followAudit && journey.auditedAt == UNSEEN) {
                    assessmentNotAudited.add(id);
                }
            }
        });
        notAssessed.sort(null);
        submissionNotAudited.sort(null);
        assessmentNotAudited.sort(null);
        return new Unfinished(notAssessed, submissionNotAudited, assessmentNotAudited);
    }

    /** Observed statuses per scenario (measured and warm-up requests alike). */
    Map<String, Map<String, Long>> outcomes() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        outcomes.forEach((scenario, statuses) -> {
            Map<String, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            result.put(scenario, counts);
        });
        return result;
    }

    /**
     * @param notAssessed          accepted, but no {@code transfer.assessed.v1} was seen
     * @param submissionNotAudited the {@code transfer.submitted.v1} event is not in the audit ledger
     * @param assessmentNotAudited the {@code transfer.assessed.v1} event is not in the audit ledger
     */
    record Unfinished(List<String> notAssessed, List<String> submissionNotAudited, List<String> assessmentNotAudited) {

        long lost() {
            java.util.Set<String> ids = new java.util.HashSet<>(notAssessed);
            ids.addAll(submissionNotAudited);
            ids.addAll(assessmentNotAudited);
            return ids.size();
        }
    }

    private void update(String id, java.util.function.Consumer<Journey> change) {
        while (true) {
            Journey journey = byId.computeIfAbsent(id, key -> new Journey(ticker.nanoTime()));
            synchronized (journey) {
                if (journey.forgotten) {
                    continue;
                }
                if (journey.finished) {
                    return;
                }
                change.accept(journey);
                if (journey.submitted) {
                    settle(id, journey);
                }
                return;
            }
        }
    }

    /** Records the figures whose two ends are now known, once each; retires a finished journey. */
    private void settle(String id, Journey journey) {
        if (journey.assessedAt != UNSEEN && !journey.assessedCounted) {
            journey.assessedCounted = true;
            all.assessed.increment();
            all.lastAssessed.accumulate(journey.assessedAt);
            outcomes.computeIfAbsent(journey.scenario, s -> new ConcurrentHashMap<>())
                    .computeIfAbsent(journey.status, s -> new LongAdder()).increment();
            if (!journey.warmup) {
                measured.assessed.increment();
                measured.lastAssessed.accumulate(journey.assessedAt);
                toAssessed.recordNanos(journey.assessedAt - journey.due);
            }
        }
        if (journey.submissionAuditedAt != UNSEEN && !journey.submissionAuditedCounted) {
            journey.submissionAuditedCounted = true;
            if (!journey.warmup) {
                toSubmissionAudited.recordNanos(journey.submissionAuditedAt - journey.due);
            }
        }
        if (journey.auditedAt != UNSEEN && !journey.auditedCounted) {
            journey.auditedCounted = true;
            all.audited.increment();
            all.lastAudited.accumulate(journey.auditedAt);
            if (!journey.warmup) {
                measured.audited.increment();
                measured.lastAudited.accumulate(journey.auditedAt);
                toAudited.recordNanos(journey.auditedAt - journey.due);
            }
        }
        boolean finished = journey.assessedCounted
                && (!followAudit || (journey.auditedCounted && journey.submissionAuditedCounted));
        if (finished) {
            journey.finished = true;
            done.increment();
            byId.remove(id, journey);
        }
    }
}

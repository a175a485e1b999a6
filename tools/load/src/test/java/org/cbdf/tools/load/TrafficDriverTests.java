package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrafficDriverTests {

    final FakeTicker ticker = new FakeTicker();
    /** Inline: a submission runs in the driver's thread, so a slow answer holds the driver up — the worst case. */
    final TrafficDriver driver = new TrafficDriver(ticker, Runnable::run);

    record Sending(long dueNanos, long sentNanos, long answeredNanos, boolean warmup) {
        long latencyFromDueMillis() {
            return (answeredNanos - dueNanos) / 1_000_000;
        }

        long latencyFromSendMillis() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }
    }

    static TrafficDriver.Plan atRate(double perSecond, Duration warmup, Duration duration, long count) {
        return new TrafficDriver.Plan(new Rate(perSecond), warmup, duration, count, 1, 100);
    }

    List<Sending> run(TrafficDriver.Plan plan, long answerMillis, long stallAtIndex, long stallMillis)
            throws InterruptedException {
        List<Sending> sendings = new ArrayList<>();
        driver.run(plan, (due, warmup) -> {
            long sent = ticker.nanoTime();
            ticker.advanceMillis(sendings.size() == stallAtIndex ? stallMillis : answerMillis);
            sendings.add(new Sending(due, sent, ticker.nanoTime(), warmup));
        });
        return sendings;
    }

    @Test
    void requestsAreDueOnTheScheduleAtTheRate() throws InterruptedException {
        List<Sending> sendings = run(atRate(100, Duration.ZERO, Duration.ofSeconds(1), 0), 2, -1, 0);

        assertThat(sendings).hasSize(100);
        for (int i = 1; i < sendings.size(); i++) {
            assertThat(sendings.get(i).dueNanos() - sendings.get(i - 1).dueNanos()).isEqualTo(10_000_000L);
        }
        assertThat(sendings).allSatisfy(s -> assertThat(s.latencyFromDueMillis()).isEqualTo(2));
    }

    @Test
    void aStallShowsInTheLatencyOfEveryRequestDueDuringIt() throws InterruptedException {
        // the 11th request takes 500 ms; at 100/s, 50 more requests fall due meanwhile
        List<Sending> sendings = run(atRate(100, Duration.ZERO, Duration.ofSeconds(2), 0), 0, 10, 500);

        assertThat(sendings).hasSize(200);
        assertThat(sendings.get(11).latencyFromDueMillis()).as("due at 110 ms, sent after the stall at 600 ms")
                .isEqualTo(490);
        assertThat(sendings.get(30).latencyFromDueMillis()).isEqualTo(300);
        assertThat(sendings.subList(11, 60)).allSatisfy(s -> {
            assertThat(s.latencyFromDueMillis()).isPositive();
            // what a closed-loop measurement (from the moment of sending) would have reported: nothing
            assertThat(s.latencyFromSendMillis()).isZero();
        });
        assertThat(sendings.get(60).latencyFromDueMillis()).as("the schedule caught up").isZero();
        assertThat(sendings.get(199).dueNanos() - sendings.get(0).dueNanos()).as("no request was dropped or shifted")
                .isEqualTo(1_990_000_000L);
    }

    @Test
    void theWarmupIsSentAndFlaggedAndTheWindowStartsAfterIt() throws InterruptedException {
        long start = ticker.nanoTime();
        List<Sending> sendings = new ArrayList<>();
        TrafficDriver.Sent sent = driver.run(atRate(10, Duration.ofSeconds(2), Duration.ofSeconds(1), 0),
                (due, warmup) -> sendings.add(new Sending(due, due, due, warmup)));

        assertThat(sendings).hasSize(30);
        assertThat(sendings.subList(0, 20)).allMatch(Sending::warmup);
        assertThat(sendings.subList(20, 30)).noneMatch(Sending::warmup);
        assertThat(sent.warmupRequests()).isEqualTo(20);
        assertThat(sent.measuredRequests()).isEqualTo(10);
        assertThat(sent.measuredFromNanos() - start).isEqualTo(2_000_000_000L);
        assertThat(sent.measuredWindow()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCountIsOfMeasuredRequestsAndItsWindowIsTheirSchedule() throws InterruptedException {
        List<Sending> sendings = run(atRate(10, Duration.ofSeconds(1), null, 25), 0, -1, 0);

        assertThat(sendings).hasSize(35);
        assertThat(sendings.stream().filter(s -> !s.warmup())).hasSize(25);
    }

    @Test
    void theWindowOfACountRunIsTheTimeItsRequestsWereDue() throws InterruptedException {
        TrafficDriver.Sent sent = driver.run(atRate(10, Duration.ofSeconds(1), null, 25), (due, warmup) -> {
        });

        assertThat(sent.measuredWindow()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(Report.perSecond(sent.measuredRequests(), sent.measuredFromNanos(), sent.measuredToNanos()))
                .isEqualTo(10.0);
    }

    @Test
    void flatOutSendsExactlyTheCountAcrossItsLanes() throws InterruptedException {
        List<Sending> sendings = new ArrayList<>();
        TrafficDriver.Sent sent = driver.run(new TrafficDriver.Plan(Rate.MAX, Duration.ofMillis(100), null, 50, 4, 1),
                (due, warmup) -> {
                    ticker.advanceMillis(10);
                    sendings.add(new Sending(due, due, ticker.nanoTime(), warmup));
                });

        assertThat(sendings.stream().filter(Sending::warmup)).hasSize(10);
        assertThat(sendings.stream().filter(s -> !s.warmup())).hasSize(50);
        assertThat(sent.measuredRequests()).isEqualTo(50);
        assertThat(sendings).allSatisfy(s -> assertThat(s.latencyFromDueMillis()).as("closed loop: due when sent")
                .isEqualTo(10));
    }

    @Test
    void flatOutForADurationMeasuresItsWholeWindow() throws InterruptedException {
        TrafficDriver.Sent sent = driver.run(new TrafficDriver.Plan(Rate.MAX, Duration.ZERO, Duration.ofSeconds(1), 0, 2,
                1), (due, warmup) -> ticker.advanceMillis(4));

        assertThat(sent.measuredRequests()).isEqualTo(250);
        assertThat(sent.measuredWindow()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void stoppingEndsTheRunEarly() throws InterruptedException {
        List<Sending> sendings = new ArrayList<>();
        driver.run(atRate(100, Duration.ZERO, Duration.ofSeconds(10), 0), (due, warmup) -> {
            sendings.add(new Sending(due, due, due, warmup));
            if (sendings.size() == 5) {
                driver.stop();
            }
        });

        assertThat(sendings).hasSize(5);
    }

    @Test
    void theScheduleCountsWhatIsDueBeforeAnOffset() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);

        assertThat(schedule.dueBefore(0)).isZero();
        assertThat(schedule.dueBefore(1)).isEqualTo(1);
        assertThat(schedule.dueBefore(1_000_000_000L)).isEqualTo(3);
        assertThat(schedule.dueBefore(1_000_000_001L)).isEqualTo(4);
        assertThat(schedule.dueAt(3)).isEqualTo(1_000_000_000L);
    }
}

package io.snapgpu.race;

import io.snapgpu.instance.InstanceService.Observation;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.OfferQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One race driven by this replica: its candidates in memory, and whether (and how) it is decided. */
final class RaceRun {
    final UUID raceId;
    final UUID tenantId;
    final RacePolicy policy;
    final OfferQuery query;
    final String image;
    final int diskGb;
    final long startNanos = System.nanoTime();
    final Journal journal = new Journal();
    /** A cancel, or the lease lost to another replica: completes the race from outside. */
    final CompletableFuture<Outcome> interrupt = new CompletableFuture<>();
    final CompletableFuture<Outcome> decided = new CompletableFuture<>();
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final Map<UUID, Contender> contenders = new LinkedHashMap<>();
    private final Set<String> tried = new HashSet<>();
    /** Per wave: completes once that wave is launched and every machine launched so far is down. */
    private final List<CompletableFuture<Void>> downAfterWave = new ArrayList<>();
    private int live;
    private int lastWave;
    private Outcome outcome;
    private BigDecimal losersCost = BigDecimal.ZERO;

    RaceRun(UUID raceId, UUID tenantId, RacePolicy policy, OfferQuery query, String image, int diskGb) {
        this.raceId = raceId;
        this.tenantId = tenantId;
        this.policy = policy;
        this.query = query;
        this.image = image;
        this.diskGb = diskGb;
        for (int i = 0; i <= policy.maxWaves(); i++) {
            downAfterWave.add(new CompletableFuture<>());
        }
    }


    /** How a race ended, and what that means for every machine but the winner. */
    record Outcome(Kind kind, Contender winner, Observation observation, String error) {
        enum Kind { WON, FAILED, TIMED_OUT, CANCELLED, LOST_LEASE }

        static Outcome of(Kind kind, String error) {
            return new Outcome(kind, null, null, error);
        }

        RaceStatus status() {
            return switch (kind) {
                case WON -> RaceStatus.WON;
                case CANCELLED -> RaceStatus.CANCELLED;
                case FAILED, TIMED_OUT -> RaceStatus.FAILED;
                case LOST_LEASE -> RaceStatus.RUNNING;
            };
        }

        TerminationReason loserReason() {
            return switch (kind) {
                case WON, LOST_LEASE -> TerminationReason.LOST_RACE;
                case CANCELLED -> TerminationReason.RACE_CANCELLED;
                case FAILED, TIMED_OUT -> TerminationReason.RACE_TIMEOUT;
            };
        }
    }

    synchronized Set<String> tried() {
        return Set.copyOf(tried);
    }

    /**
     * Registers the machines of wave {@code wave} (hosts tried meanwhile dropped); none once the race
     * is decided, so no wave starts after a winner.
     */
    synchronized List<Contender> register(int wave, List<CandidateRanking.Ranked> picked) {
        List<Contender> out = new ArrayList<>();
        if (outcome == null) {
            for (CandidateRanking.Ranked r : picked) {
                if (tried.add(CandidateRanking.hostKey(r.offer()))) {
                    Contender c = new Contender(wave, r.offer(), r.dueSeconds(), r.onTimeSeconds());
                    contenders.put(c.id, c);
                    out.add(c);
                }
            }
            live += out.size();
        }
        lastWave = Math.max(lastWave, wave);
        if (live == 0) {
            downAfterWave.get(lastWave).complete(null);
        }
        return out;
    }

    synchronized int wavesLaunched() {
        return lastWave;
    }

    /** The machine stopped counting as a chance to win (failed, or given up). */
    synchronized void down(Contender c) {
        if (c.live()) {
            throw new IllegalStateException("contender " + c.id + " is still " + c.status());
        }
        live--;
        if (live == 0) {
            downAfterWave.get(lastWave).complete(null);
        }
    }

    /**
     * Nanoseconds until the last machine in flight that is still on schedule by its host's statistics
     * becomes late; 0 when none is (then a further wave is due).
     */
    synchronized long onScheduleForNanos() {
        long now = System.nanoTime();
        long latest = 0;
        for (Contender c : contenders.values()) {
            if (c.live() && c.lateAfterNanos != 0 && c.lateAfterNanos - now > latest) {
                latest = c.lateAfterNanos - now;
            }
        }
        return latest;
    }

    CompletableFuture<Void> downAfter(int wave) {
        return downAfterWave.get(wave);
    }

    /** Decides the race once; false when it was decided before. */
    synchronized boolean decide(Outcome o) {
        if (outcome != null) {
            return false;
        }
        outcome = o;
        return true;
    }

    synchronized Outcome outcome() {
        return outcome;
    }

    synchronized List<Contender> contenders() {
        return List.copyOf(contenders.values());
    }

    synchronized void addLoserCost(BigDecimal cost) {
        losersCost = losersCost.add(cost);
    }

    synchronized BigDecimal losersCost() {
        return losersCost;
    }
}

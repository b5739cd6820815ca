package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.offer.Offer;
import io.snapgpu.race.CandidateMoves.Lesson;
import io.snapgpu.race.CandidateMoves.Move;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A contender's moves: each made one writes its row, its event and its host's lesson together; a refused one writes nothing. */
class CandidateMovesTest {
    /** What one journal entry of a candidate wrote. */
    record Written(Candidate row, RaceEvent event, String type, List<String> lessons) {
    }

    final List<Written> written = new ArrayList<>();
    final List<String> lessons = new ArrayList<>();

    final RaceStore store = new RaceStore(null, null, null, null) {
        @Override
        void candidate(RaceRun run, Contender c, Consumer<Candidate> change, RaceEvent event, String type,
                Supplier<Uni<Void>> after) {
            Candidate row = new Candidate();
            change.accept(row);
            lessons.clear();
            if (after != null) {
                after.get().await().indefinitely();
            }
            written.add(new Written(row, event, type, List.copyOf(lessons)));
        }
    };

    final HostStatsService hostStats = new HostStatsService(null) {
        @Override
        public Uni<Void> recordBoot(String provider, String hostId, double seconds) {
            lessons.add("boot " + hostId + " " + seconds);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> recordFailure(String provider, String hostId) {
            lessons.add("failure " + hostId);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> recordCensored(String provider, String hostId) {
            lessons.add("censored " + hostId);
            return Uni.createFrom().voidItem();
        }
    };

    final CandidateMoves moves = new CandidateMoves(store, hostStats);
    final RaceRun run = new RaceRun(UUID.randomUUID(), UUID.randomUUID(), RacePolicy.defaults(), null, "img", 10);

    static Offer offer(String host) {
        return new Offer("local", "o-" + host, host, null, "RTX 4090", 1, null, null, null, null, BigDecimal.ONE, null,
                null, null, null, null, false);
    }

    Contender contender(String host) {
        Contender c = run.register(1, List.of(new CandidateRanking.Ranked(offer(host), 1, null, null))).get(0);
        return c;
    }

    @Test
    void aMachineGivenUpIsCountedDownAndItsHostBlamedInTheSameWriteAsItsRow() {
        Contender c = contender("h1");
        assertTrue(moves.move(run, c, Move.booting()));
        assertTrue(moves.move(run, c, Move.givenUp()));

        assertEquals(CandidateStatus.DESTROYING, c.status());
        assertEquals(TerminationReason.BOOT_FAILED, c.destroyReason, "remembered for a create still in flight");
        assertTrue(run.downAfter(1).isDone(), "its race no longer counts on it");
        assertEquals(2, written.size());
        assertEquals(CandidateStatus.BOOTING, written.get(0).row().status);
        assertEquals("CREATED", written.get(0).row().providerState);
        assertEquals(CandidateStatus.BOOTING, written.get(0).event().candidateStatus());
        assertEquals("CREATED", written.get(0).event().providerState(), "row and event say the same");
        Written given = written.get(1);
        assertEquals(CandidateStatus.DESTROYING, given.row().status);
        assertEquals(TerminationReason.BOOT_FAILED, given.row().terminationReason);
        assertEquals(List.of("failure h1"), given.lessons());
    }

    @Test
    void aRefusedMoveChangesAndWritesNothing() {
        Contender c = contender("h2");
        assertFalse(moves.move(run, c, Move.destroyed(TerminationReason.LOST_RACE, BigDecimal.ZERO, "x", Lesson.NONE,
                null, null)), "nothing ends before it is being destroyed");
        assertEquals(CandidateStatus.LAUNCHING, c.status());
        Contender d = contender("h3");
        assertTrue(moves.move(run, d, Move.booting()));
        run.decide(RaceRun.Outcome.of(RaceRun.Outcome.Kind.CANCELLED, "cancelled"));
        written.clear();
        assertFalse(moves.move(run, d, Move.givenUp()), "after the decision the decision handles it");
        assertFalse(moves.move(run, d, Move.abandoned(TerminationReason.LOST_RACE)), "only a create in flight");
        assertFalse(moves.move(run, d, Move.booting()), "no move to where it is");
        assertEquals(CandidateStatus.BOOTING, d.status());
        assertEquals(List.of(), written);
    }

    @Test
    void aLoserDestroyedBooksItsCostAndWhatItsHostTaught() {
        Contender c = contender("h4");
        moves.move(run, c, Move.booting());
        moves.move(run, c, Move.destroying(TerminationReason.LOST_RACE));
        written.clear();
        assertTrue(moves.move(run, c, Move.destroyed(TerminationReason.LOST_RACE, new BigDecimal("0.02"),
                "another machine was ready first", Lesson.CENSORED, null, null)));

        Written w = written.get(0);
        assertEquals(CandidateStatus.DESTROYED, w.row().status);
        assertEquals(new BigDecimal("0.02"), w.row().cost);
        assertNull(w.row().error, "a loser is not an error");
        assertEquals(RaceEvent.LOSER_DESTROYED, w.type());
        assertEquals("another machine was ready first", w.event().message());
        assertEquals(List.of("censored h4"), w.lessons());
    }

    @Test
    void aCreateThatFailsBlamesItsHostOnlyWhenTheProviderRefused() {
        Contender ours = contender("h5");
        Contender theirs = contender("h6");
        moves.move(run, ours, Move.createFailed("create failed: no key", false));
        moves.move(run, theirs, Move.createFailed("create failed: out of stock", true));

        assertEquals(List.of(), written.get(0).lessons());
        assertEquals(List.of("failure h6"), written.get(1).lessons());
        assertEquals("create failed: out of stock", written.get(1).row().error);
        assertEquals(TerminationReason.CREATE_FAILED, written.get(1).event().reason());
    }
}

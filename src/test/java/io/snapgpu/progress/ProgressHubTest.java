package io.snapgpu.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.snapgpu.progress.ProgressEvent.SubjectType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub holds a subject only while it is driven or followed here: following a finished, an unknown
 * or another tenant's subject, or leaving a live one, leaves nothing behind.
 */
@QuarkusTest
class ProgressHubTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ProgressHub hub;
    @Inject
    Pool pool;

    private UUID tenant;
    private UUID otherTenant;

    @BeforeEach
    void tenants() {
        tenant = tenant("hub-a-" + UUID.randomUUID());
        otherTenant = tenant("hub-b-" + UUID.randomUUID());
    }

    private UUID tenant(String name) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into tenant (id, name) values ($1, $2)").execute(Tuple.of(id, name))
                .await().atMost(WAIT);
        return id;
    }

    @Test
    void aFinishedSubjectStreamsItsStoryAndNothingIsHeldAfterwards() {
        int before = hub.held();
        UUID id = UUID.randomUUID();
        hub.expect(tenant, id).await().atMost(WAIT);
        hub.publish(tenant, SubjectType.RACE, id, "STEP", Map.of("n", 1), false).await().atMost(WAIT);
        hub.publish(tenant, SubjectType.RACE, id, "END", Map.of("n", 2), true).await().atMost(WAIT);
        assertEquals(before, hub.held(), "the terminal event let go of the subject driven here");

        List<ProgressEvent> story = hub.stream(tenant, id).subscribe().withSubscriber(AssertSubscriber.create(10))
                .awaitCompletion(WAIT).getItems();
        assertEquals(List.of("STEP", "END"), story.stream().map(ProgressEvent::type).toList());
        assertEquals(List.of(false, true), story.stream().map(ProgressEvent::terminal).toList());
        assertEquals(1, story.get(0).payload().get("n").asInt(), "the payload is the domain's own, as published");
        assertFalse(story.get(1).payload().has("__terminal"), "the end is not mixed into the payload");
        assertEquals(before, hub.held(), "following a finished subject leaves nothing");
    }

    @Test
    void unknownAndOtherTenantsSubjectsCompleteEmptyAndLeaveNothing() {
        int before = hub.held();
        for (int i = 0; i < 50; i++) {
            List<ProgressEvent> none = hub.stream(tenant, UUID.randomUUID()).subscribe()
                    .withSubscriber(AssertSubscriber.create(10)).awaitCompletion(WAIT).getItems();
            assertTrue(none.isEmpty());
        }
        UUID theirs = UUID.randomUUID();
        hub.publish(otherTenant, SubjectType.SNAPSHOT, theirs, "END", Map.of(), true).await().atMost(WAIT);
        assertTrue(hub.stream(tenant, theirs).subscribe().withSubscriber(AssertSubscriber.create(10))
                .awaitCompletion(WAIT).getItems().isEmpty(), "another tenant's events are not streamed");
        assertEquals(before, hub.held(), "unknown and foreign ids are not retained");
    }

    @Test
    void aFollowerThatLeavesALiveSubjectDrivenElsewhereLeavesNothing() {
        int before = hub.held();
        UUID id = UUID.randomUUID();
        // driven by "another replica": only its row in progress_subject says it is coming
        pool.preparedQuery("insert into progress_subject (subject_id, tenant_id) values ($1, $2)")
                .execute(Tuple.of(id, tenant)).await().atMost(WAIT);
        AssertSubscriber<ProgressEvent> follower = hub.stream(tenant, id).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        assertEquals(before + 1, hub.held(), "held while followed");
        follower.cancel();
        assertEquals(before, hub.held(), "let go when its only follower left");
    }

    @Test
    void aLiveFollowerGetsEveryEventInOrderThenTheSubjectIsGone() {
        int before = hub.held();
        UUID id = UUID.randomUUID();
        hub.expect(tenant, id).await().atMost(WAIT);
        AssertSubscriber<ProgressEvent> follower = hub.stream(tenant, id).subscribe()
                .withSubscriber(AssertSubscriber.create(100));
        for (int i = 1; i <= 20; i++) {
            hub.publish(tenant, SubjectType.RESTORE, id, "STEP", Map.of("n", i), i == 20).subscribe().with(x -> { });
        }
        List<ProgressEvent> got = follower.awaitCompletion(WAIT).getItems();
        assertEquals(20, got.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, got.get(i).seq());
            assertEquals(i + 1, got.get(i).payload().get("n").asInt(), "published order kept");
        }
        assertEquals(before, hub.held());
    }
}

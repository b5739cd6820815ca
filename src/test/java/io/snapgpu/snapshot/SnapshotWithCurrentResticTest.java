package io.snapgpu.snapshot;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.snapgpu.support.CurrentRestic;
import org.junit.jupiter.api.condition.EnabledIf;

/** Every snapshot scenario of {@link SnapshotTest} again with current restic (0.16+; full ids in its summary). */
@QuarkusTest
@TestProfile(CurrentRestic.Profile.class)
@EnabledIf("io.snapgpu.support.CurrentRestic#available")
class SnapshotWithCurrentResticTest extends SnapshotTest {
}

package io.snapgpu.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResticVersionTest {
    @Test
    void parsesTheVersionLinesOfDebianReleases() {
        ResticVersion bookworm = ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64").orElseThrow();
        ResticVersion trixie = ResticVersion.parse("restic 0.18.0 compiled with go1.24.4 on linux/amd64").orElseThrow();
        assertEquals(new ResticVersion(0, 14, 0), bookworm);
        assertFalse(bookworm.hasRestoreJsonProgress());
        assertTrue(trixie.hasRestoreJsonProgress());
        assertTrue(trixie.compareTo(bookworm) > 0);
        assertEquals("0.18.0", trixie.toString());
        assertFalse(bookworm.hasIncrementalRestore());
        assertFalse(new ResticVersion(0, 16, 4).hasIncrementalRestore());
        assertTrue(new ResticVersion(0, 17, 0).hasIncrementalRestore());
        assertTrue(trixie.hasIncrementalRestore());
    }

    @Test
    void rejectsWhatIsNotAVersionLine() {
        assertTrue(ResticVersion.parse("bash: restic: command not found").isEmpty());
        assertTrue(ResticVersion.parse(null).isEmpty());
    }

    @Test
    void tooOldIsNotAvailable() {
        ResticStatus s = ResticStatus.found("restic", new ResticVersion(0, 9, 6));
        assertFalse(s.available());
        assertTrue(s.message().contains("apt-get install restic"));
    }
}

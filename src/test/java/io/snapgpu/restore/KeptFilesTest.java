package io.snapgpu.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.restic.ResticPatterns;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The patterns an incremental restore keeps files with, and SnapGPU's reading of them. The cases are
 * the ones tried by hand with restic 0.18 ({@code restore --overwrite if-changed --delete}): restic
 * kept and deleted exactly these files.
 */
class KeptFilesTest {

    @Test
    void theWholeWorkspaceBackedUpKeepsOnlyWhatThePolicyExcludes() {
        List<String> patterns = KeptFiles.patterns(List.of("/"), List.of("/tmp", "*.log"));
        assertEquals(List.of("/tmp", "*.log"), patterns);
        ResticPatterns kept = new ResticPatterns(patterns);
        assertTrue(kept.excludes("/tmp"));
        assertTrue(kept.excludes("/tmp/scratch/x.bin"), "below an excluded directory");
        assertTrue(kept.excludes("/code/y.log"), "an unanchored pattern at any depth");
        assertTrue(kept.excludes("/x.log"));
        assertFalse(kept.excludes("/code/tmp"), "an anchored pattern only at the root");
        assertFalse(kept.excludes("/code/a.py"));
        assertFalse(kept.excludes("/x.logs"));
    }

    @Test
    void pathsOutsideTheIncludePathsAreKept() {
        List<String> patterns = KeptFiles.patterns(List.of("/code", "/data/models"), List.of("*.log"));
        assertEquals(List.of("/*", "!/code", "!/data", "/data/*", "!/data/models", "*.log"), patterns);
        ResticPatterns kept = new ResticPatterns(patterns);
        assertTrue(kept.excludes("/top.txt"));
        assertTrue(kept.excludes("/data/other/o.bin"));
        assertTrue(kept.excludes("/code/y.log"));
        assertFalse(kept.excludes("/code/new.py"));
        assertFalse(kept.excludes("/data"), "a directory that leads to an included one");
        assertFalse(kept.excludes("/data/models/sub/s"));
    }

    @Test
    void namesWithGlobCharactersAreTakenLiterally() {
        List<String> patterns = KeptFiles.patterns(List.of("/run[1]*"), List.of());
        ResticPatterns kept = new ResticPatterns(patterns);
        assertFalse(kept.excludes("/run[1]*/a"));
        assertTrue(kept.excludes("/run1x/a"));
        assertTrue(new ResticPatterns(List.of("/data/**/*.tmp")).excludes("/data/a/b/c.tmp"));
        assertTrue(new ResticPatterns(List.of("/data/**/*.tmp")).excludes("/data/c.tmp"));
        assertFalse(new ResticPatterns(List.of("/data/**/*.tmp")).excludes("/other/c.tmp"));
        assertTrue(new ResticPatterns(List.of("item-[0-4].bin")).excludes("/d/item-3.bin"));
        assertFalse(new ResticPatterns(List.of("item-[^0-4].bin")).excludes("/d/item-3.bin"));
    }

    @Test
    void noIncludePathsMeansTheWholeWorkspace() {
        assertEquals(List.of(), KeptFiles.patterns(List.of(), List.of()));
    }
}

package io.snapgpu.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Include paths as people type them: /workspace/..., /... and workspace-relative all mean the same. */
class WorkspacePathTest {

    @Test
    void theWorkspacePrefixAndRelativePathsMeanTheSamePath() {
        assertEquals("/data", Inputs.workspacePath("include_paths", "/workspace/data"));
        assertEquals("/data", Inputs.workspacePath("include_paths", "/data"));
        assertEquals("/data", Inputs.workspacePath("include_paths", "data"));
        assertEquals("/data/ckpt", Inputs.workspacePath("include_paths", " data/ckpt/ "));
        assertEquals("/", Inputs.workspacePath("include_paths", "/workspace"));
        assertEquals("/", Inputs.workspacePath("include_paths", "/workspace/"));
        assertEquals("/workspaces", Inputs.workspacePath("include_paths", "/workspaces"), "only the whole segment is the prefix");
    }

    @Test
    void pathsLeavingTheWorkspaceOrLookingLikeOptionsAreRefusedNamingTheField() {
        for (String bad : new String[] {"../etc", "/workspace/../etc", "a//b", "/ok\n--x", "", "--password-file=x",
                "; rm -rf /"}) {
            InputException e = assertThrows(InputException.class, () -> Inputs.workspacePath("include_paths", bad), bad);
            assertEquals("include_paths", e.field());
            assertFalse(e.getMessage().contains("restic"), e.getMessage());
        }
        assertEquals("include_paths: must be a path inside the workspace, such as /workspace/data, /data or data (got '../etc')",
                assertThrows(InputException.class, () -> Inputs.workspacePath("include_paths", "../etc")).getMessage());
    }
}

package io.snapgpu.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** What a failed command tells a person: the program and how it ended, never its path or arguments. */
class CommandFailedExceptionTest {

    @Test
    void aPersonSeesTheProgramAndItsLastOutputNotTheCommandLine() {
        var e = new CommandFailedException("/srv/snapgpu/data/local-instances/li-1/root/.snapgpu/bin/restic backup --json"
                + " --exclude=/srv/snapgpu/data/x -- .", 1, "Fatal: unable to save snapshot: disk full");
        String shown = CommandFailedException.forPeople(e);
        assertEquals("restic exited with code 1: Fatal: unable to save snapshot: disk full", shown);
        assertFalse(shown.contains("/srv/snapgpu"), shown);
        assertEquals("the host key changed", CommandFailedException.forPeople(new IllegalStateException("the host key changed")));
        assertEquals("IllegalStateException", CommandFailedException.forPeople(new IllegalStateException()));
    }
}

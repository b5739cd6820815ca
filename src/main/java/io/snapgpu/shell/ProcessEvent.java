package io.snapgpu.shell;

/** What a running command produces: output lines as they come, then exactly one exit. */
public sealed interface ProcessEvent {
    enum Stream { STDOUT, STDERR }

    record Line(Stream stream, String text) implements ProcessEvent {
    }

    record Exit(int code) implements ProcessEvent {
    }
}

package io.snapgpu.shell.ssh;

import java.util.Map;

/** SSH reports a command killed by a signal by name; local processes report 128 + its Linux number. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    private Signals() {
    }

    /** The Linux number of an SSH signal name ({@code TERM}, also {@code SIGTERM}), or null. */
    static Integer number(String name) {
        String n = name.startsWith("SIG") ? name.substring(3) : name;
        return NUMBERS.get(n);
    }
}

package io.snapgpu.shell;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/** Small commands whose output is the result (du, find). */
public final class Commands {
    private Commands() {
    }

    /** The stdout lines of a command that must exit 0. */
    public static Uni<List<String>> output(CommandRunner runner, List<String> argv) {
        List<String> out = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        CommandSpec spec = new CommandSpec(argv, java.util.Map.of(), null);
        return runner.run(spec).collect().in(() -> new int[] { -1 }, (code, e) -> {
            if (e instanceof ProcessEvent.Line l) {
                if (l.stream() == ProcessEvent.Stream.STDOUT) {
                    out.add(l.text());
                } else if (err.length() < 2000) {
                    err.append(l.text()).append('\n');
                }
            } else if (e instanceof ProcessEvent.Exit x) {
                code[0] = x.code();
            }
        }).map(code -> {
            if (code[0] != 0) {
                throw new CommandFailedException(spec.display(), code[0], err.toString());
            }
            return out;
        });
    }
}

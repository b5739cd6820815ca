package io.snapgpu.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A command as an argument vector: nothing here is ever joined into a shell string, so a path or
 * pattern from a user stays one argument. {@code env} carries secrets and is never printed.
 */
public record CommandSpec(List<String> argv, Map<String, String> env, Path workDir) {
    public CommandSpec {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The command for messages and logs: the program and its arguments, never the environment. */
    public String display() {
        String joined = String.join(" ", argv);
        return joined.length() > 300 ? joined.substring(0, 300) + " …" : joined;
    }

    @Override
    public String toString() {
        return "CommandSpec[" + display() + " in " + workDir + ", env: " + env.keySet() + "]";
    }
}

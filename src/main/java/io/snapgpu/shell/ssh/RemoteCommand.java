package io.snapgpu.shell.ssh;

import io.snapgpu.shell.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What SSH carries for one {@link CommandSpec}: a command line for the remote login shell that
 * holds no secret, and the environment, sent as {@code KEY=VALUE} lines on the channel's stdin.
 *
 * <p>The script read by the login shell (which must be POSIX: sh, dash, bash, zsh):
 * <ol>
 * <li>unsets the storage and cloud credentials the image's environment brought
 * ({@link #CLEAR_INHERITED_CREDENTIALS}), so only the ones SnapGPU sends reach the command;</li>
 * <li>reads and exports {@code KEY=VALUE} lines until an empty line; a stdin that ends before the
 * empty line fails with 125 rather than running the command with half its environment;</li>
 * <li>{@code cd -- '<workDir>'} when one is given;</li>
 * <li>starts the quoted argv in the background with stdin from /dev/null, and a watchdog that reads
 * the rest of the channel's stdin: when it ends (we cancelled, or the connection dropped) the
 * watchdog sends TERM, then KILL after {@value #KILL_GRACE_SECONDS} s, to that process (not to
 * children it started). Closing an SSH channel does not stop a command without a terminal, and not
 * every sshd honours {@code signal} requests, so a cancelled restic would otherwise keep running and
 * keep its repository lock;</li>
 * <li>exits with the command's status (128+n when a signal ended it).</li>
 * </ol>
 */
public final class RemoteCommand {
    static final int KILL_GRACE_SECONDS = 5;
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A fixed POSIX snippet (no input of ours in it) that unsets every inherited variable of the
     * credential families restic, rclone and the cloud SDKs read: {@code AWS_*}, {@code RESTIC_*},
     * {@code B2_*}, {@code AZURE_*}, {@code GOOGLE_*} (GOOGLE_APPLICATION_CREDENTIALS), {@code RCLONE_*},
     * and OpenStack/Swift's {@code OS_*} and {@code ST_*}. An image that exports its own
     * {@code AWS_ACCESS_KEY_ID} would otherwise hand it to SnapGPU's restic beside (or instead of) the
     * credentials SnapGPU sends. Names come from {@code env}; a line of a multi-line value that looks
     * like a name can only make it unset one more variable of these families. A read-only variable
     * cannot be unset: it is tried in a subshell first and left as it is, the script goes on. Both
     * command paths run it before SnapGPU's own variables: the dispatcher once at its start (its jobs
     * inherit its environment), the per-channel script before it reads the environment.
     */
    static final String CLEAR_INHERITED_CREDENTIALS = """
            for __snapgpu_v in $(env | while IFS='=' read -r __snapgpu_n __snapgpu_rest; do
              case $__snapgpu_n in
                AWS_* | RESTIC_* | B2_* | AZURE_* | GOOGLE_* | RCLONE_* | OS_* | ST_*) ;;
                *) continue ;;
              esac
              case $__snapgpu_n in *[!A-Za-z0-9_]*) continue ;; esac
              echo "$__snapgpu_n"
            done); do
              (unset "$__snapgpu_v") 2>/dev/null && unset "$__snapgpu_v"
            done
            unset __snapgpu_v
            """;

    private static final String READ_ENV = """
            __snapgpu_ok=
            while IFS= read -r __snapgpu_kv; do
              if [ -z "$__snapgpu_kv" ]; then __snapgpu_ok=1; break; fi
              export "$__snapgpu_kv" || exit 125
            done
            [ -n "$__snapgpu_ok" ] || { echo 'snapgpu: the environment did not arrive on stdin' >&2; exit 125; }
            unset __snapgpu_kv __snapgpu_ok
            """;

    private static final String RUN = """
            exec 3<&0 </dev/null
            %s 3<&- &
            __snapgpu_pid=$!
            { while read -r __snapgpu_line; do :; done; kill -TERM "$__snapgpu_pid"; sleep %d; kill -KILL "$__snapgpu_pid"; } <&3 >/dev/null 2>&1 &
            __snapgpu_watch=$!
            exec 3<&-
            wait "$__snapgpu_pid"
            __snapgpu_rc=$?
            kill "$__snapgpu_watch" 2>/dev/null
            exit "$__snapgpu_rc"
            """;

    private final String commandLine;
    private final byte[] stdin;

    private RemoteCommand(String commandLine, byte[] stdin) {
        this.commandLine = commandLine;
        this.stdin = stdin;
    }

    /** @throws IllegalArgumentException for an env key that is no shell name or a value with a newline or NUL */
    public static RemoteCommand of(CommandSpec spec) {
        StringBuilder env = new StringBuilder();
        for (String kv : envLines(spec)) {
            env.append(kv).append('\n');
        }
        env.append('\n');

        StringBuilder script = new StringBuilder(CLEAR_INHERITED_CREDENTIALS).append(READ_ENV);
        if (spec.workDir() != null) {
            // `|| exit` keeps cd's own status, as `cd ... && cmd` would
            script.append("cd -- ").append(PosixQuoting.quote(spec.workDir().toString())).append(" || exit\n");
        }
        script.append(String.format(RUN, PosixQuoting.join(spec.argv()), KILL_GRACE_SECONDS));
        return new RemoteCommand(script.toString(), env.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The environment as {@code KEY=VALUE} lines, sorted so the same spec always makes the same bytes.
     *
     * @throws IllegalArgumentException for a key that is no shell name or a value with a newline or NUL
     */
    static List<String> envLines(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(spec.env()).entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!ENV_KEY.matcher(key).matches() || key.startsWith("__snapgpu_")) {
                throw new IllegalArgumentException("environment variable name `" + key
                        + "` is not allowed: it must match [A-Za-z_][A-Za-z0-9_]* and not start with __snapgpu_");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                // never echo the value: it is usually a secret
                throw new IllegalArgumentException("the value of environment variable " + key
                        + " contains a newline or NUL character, which cannot be sent to the instance");
            }
            lines.add(key + "=" + value);
        }
        return lines;
    }

    /** The string the SSH exec request carries: visible in the remote process list, so never a secret. */
    public String commandLine() {
        return commandLine;
    }

    /** What to write to the channel's stdin first: the environment and the empty line that ends it. */
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public String toString() {
        return "RemoteCommand[" + commandLine.length() + " chars, env " + stdin.length + " bytes]";
    }
}

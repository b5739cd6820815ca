package io.snapgpu.shell.ssh;

import io.snapgpu.shell.CommandSpec;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between {@link CommandMux} and the dispatcher script it starts once per SSH
 * connection (the script's header describes the records). Requests are lines: every argument and the
 * working directory travel as {@link PosixQuoting} words in which a newline is spelled
 * {@code '"$N"'}, so each request field stays one line; the dispatcher {@code eval}s only those
 * quoted words (into {@code set --}), never anything else from us. The environment travels as
 * {@code E KEY=VALUE} lines (validated by {@link RemoteCommand#envLines}) and stays in the
 * dispatcher's memory: it is never on a command line or in a file.
 */
final class MuxProtocol {
    /** The longest payload of one output record: with its header it stays under Linux's PIPE_BUF (4096). */
    static final int PIECE_BYTES = 4000;

    static final String SCRIPT = """
            # The snapgpu command dispatcher: one per SSH connection, so the login shell (and its .bashrc) runs
            # once, not once per command. Requests arrive on stdin, one field per line:
            #   R <id> / E <KEY=VALUE>... / W <quoted dir> / A <quoted argv> / G   start command <id>
            #   K <id>                                                             stop command <id>
            # and records go out on stdout: H (ready), U <why> (cannot run here), O|E <id> <line> (o|e: a
            # piece of a long line), X <id> <status>. Each record is one write() of at most 4096 bytes into a
            # pipe, so records of concurrent commands never interleave.
            # The image's own storage credentials are unset first; every job inherits what is left.
            @CLEAR_INHERITED_CREDENTIALS@
            umask 077
            N='
            '
            for p in awk mkfifo mktemp; do
              command -v "$p" >/dev/null 2>&1 || { echo "U no $p on this machine"; exit 0; }
            done
            D=$(mktemp -d "${TMPDIR:-/tmp}/snapgpu-mux.XXXXXXXX") || { echo "U mktemp -d failed"; exit 0; }
            # mawk fills its whole input buffer before it handles a line unless told to be interactive
            Y=
            case $(awk -W version 2>&1 </dev/null) in *mawk*) Y='-W interactive' ;; esac

            frame() { # id, tag of a line, tag of a piece
              LC_ALL=C exec awk $Y -v id="$1" -v t="$2" -v p="$3" '{
                s = $0
                while (length(s) > 4000) { printf "%s", (p " " id " " substr(s, 1, 4000) "\\n"); fflush(); s = substr(s, 4001) }
                printf "%s", (t " " id " " s "\\n"); fflush()
              }'
            }

            stop() { # pid: TERM, then KILL after 5 s
              kill -TERM "$1" 2>/dev/null || return 0
              ( sleep 5; kill -KILL "$1" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
            }

            job() { # id argv...; $E the environment, $W the working directory
              i=$1; shift
              mkfifo "$D/$i.o" "$D/$i.e" || { printf 'X %s 125\\n' "$i"; return; }
              frame "$i" O o <"$D/$i.o" &
              fo=$!
              frame "$i" E e <"$D/$i.e" &
              fe=$!
              # opened here, not by the command: a command stopped before it ran cannot leave a framer
              # blocked in open() forever
              exec 3>"$D/$i.o" 4>"$D/$i.e"
              rm -f "$D/$i.o" "$D/$i.e"
              (
                IFS=$N; set -f
                for kv in $E; do export "$kv" || exit 125; done
                unset IFS; set +f
                if [ -n "$W" ]; then cd -- "$W" || exit; fi
                exec "$@"
              ) </dev/null >&3 2>&4 3>&- 4>&- &
              c=$!
              exec 3>&- 4>&-
              echo "$c" >"$D/$i.p"
              # a stop that came before the pid file was written left a .k file (see K below)
              if [ -e "$D/$i.k" ] || [ -e "$D/eof" ]; then stop "$c"; fi
              wait "$c"; r=$?
              wait "$fo" "$fe" # every line is out before the exit record
              rm -f "$D/$i.p" "$D/$i.k"
              printf 'X %s %s\\n' "$i" "$r"
            }

            serve() {
              echo H
              i= E= W= A=
              while IFS= read -r l; do
                case $l in
                  'R '*) i=${l#R } E= W= A= ;;
                  'E '*) E=$E${l#E }$N ;;
                  'W '*) W=${l#W } ;;
                  'A '*) A=${l#A } ;;
                  G)
                    case $i in '' | *[!0-9]*) continue ;; esac
                    eval "set -- $A"
                    if [ -n "$W" ]; then eval "W=$W"; fi
                    job "$i" "$@" </dev/null &
                    i= E= W= A= ;;
                  'K '*)
                    k=${l#K }
                    case $k in '' | *[!0-9]*) continue ;; esac
                    : >"$D/$k.k"
                    if [ -s "$D/$k.p" ]; then read -r c <"$D/$k.p" && stop "$c"; fi ;;
                esac
              done
              # stdin ended: we closed the shell or the connection dropped; nothing may outlive it
              : >"$D/eof"
              for f in "$D"/*.p; do
                if [ -s "$f" ]; then read -r c <"$f" && stop "$c"; fi
              done
              ( sleep 6; rm -rf "$D" ) </dev/null >/dev/null 2>&1 &
            }

            serve | cat
            """.replace("@CLEAR_INHERITED_CREDENTIALS@", RemoteCommand.CLEAR_INHERITED_CREDENTIALS.strip());

    private MuxProtocol() {
    }

    /** What the SSH exec request carries: always /bin/sh, whatever the login shell is. */
    static String commandLine() {
        return "exec /bin/sh -c " + PosixQuoting.quote(SCRIPT) + " snapgpu-mux";
    }

    /** @throws IllegalArgumentException as {@link RemoteCommand#of} does */
    static byte[] start(long id, CommandSpec spec) {
        StringBuilder r = new StringBuilder("R ").append(id).append('\n');
        for (String kv : RemoteCommand.envLines(spec)) {
            r.append("E ").append(kv).append('\n');
        }
        if (spec.workDir() != null) {
            r.append("W ").append(word(spec.workDir().toString())).append('\n');
        }
        r.append("A ");
        for (int i = 0; i < spec.argv().size(); i++) {
            r.append(i == 0 ? "" : " ").append(word(spec.argv().get(i)));
        }
        return r.append("\nG\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] stop(long id) {
        return ("K " + id + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One quoted shell word on one line: {@code two\nlines} → {@code 'two'"$N"'lines'}. */
    static String word(String w) {
        return PosixQuoting.quote(w).replace("\n", "'\"$N\"'");
    }
}

package io.snapgpu.instance.bootstrap;

/**
 * The fixed scripts the bootstrap runs on a machine ({@code sh -c SCRIPT}): nothing from a user is
 * ever part of them; what varies comes in as environment variables (which travel on stdin, never a
 * command line). They print {@code key=value} lines for SnapGPU, then the restic's version line.
 */
final class BootstrapScript {
    private BootstrapScript() {
    }

    /** The SHA-256 of a file with whatever the machine has, sha256sum (coreutils) or openssl. */
    private static final String SUM = """
            sum() {
              if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
              elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 "$1" | sed 's/.*= *//'
              else echo none; fi
            }
            """;

    /**
     * Installs the users' SSH public keys (SNAPGPU_USER_KEY_COUNT, SNAPGPU_USER_KEY_1...) in
     * ~/.ssh/authorized_keys, between two marker lines that only SnapGPU writes: the block is replaced
     * as a whole (so a removed key goes, and running it twice changes nothing), every other line
     * (SnapGPU's own key, the provider's, the machine's) stays, and a key already in the file is not
     * written twice. The keys come as environment variables, which travel on stdin.
     */
    private static final String KEYS = """
            install_user_keys() {
              n=${SNAPGPU_USER_KEY_COUNT:-0}
              case $n in ''|*[!0-9]*) echo "snapgpu: bad key count" >&2; return 1;; esac
              mkdir -p -- "$HOME/.ssh" && chmod 700 "$HOME/.ssh" || return 1
              f=$HOME/.ssh/authorized_keys
              [ -f "$f" ] || { : > "$f" || return 1; }
              tmp=$f.snapgpu.$$
              sed '/^# snapgpu user keys begin$/,/^# snapgpu user keys end$/d' "$f" > "$tmp" || { rm -f "$tmp"; return 1; }
              if [ -s "$tmp" ] && [ -n "$(tail -c 1 "$tmp")" ]; then echo >> "$tmp"; fi
              if [ "$n" -gt 0 ]; then
                echo '# snapgpu user keys begin' >> "$tmp"
                i=1
                while [ "$i" -le "$n" ]; do
                  eval "k=\\${SNAPGPU_USER_KEY_$i:-}"
                  b=${k#* }; b=${b%% *}
                  if [ -n "$k" ] && ! grep -qF -- "$b" "$tmp"; then printf '%s\\n' "$k" >> "$tmp"; fi
                  i=$((i + 1))
                done
                echo '# snapgpu user keys end' >> "$tmp"
              fi
              chmod 600 "$tmp" && mv -f "$tmp" "$f" || { rm -f "$tmp"; return 1; }
              echo "user_keys=$n"
            }
            """;

    /** Only the users' keys: for a key added or removed while the machine runs. */
    static final String USER_KEYS = KEYS + """
            set -u
            install_user_keys || { echo "snapgpu: cannot write ~/.ssh/authorized_keys" >&2; exit 25; }
            """;

    /**
     * Creates the workspace, installs the users' keys, switches vast's auto-tmux off when asked, and makes sure
     * ~/.snapgpu/bin/restic is the pinned binary: kept when its hash matches, else downloaded from the
     * link (curl or wget, the link read from stdin so it is on no command line). Without a downloader,
     * or when the download fails, it says {@code restic=needs-upload} and exits 0: SnapGPU then sends
     * the binary over SFTP and runs {@link #FINISH}.
     */
    static final String PREPARE = SUM + KEYS + """
            set -u
            mkdir -p -- "$SNAPGPU_WORKSPACE" || { echo "snapgpu: cannot create the workspace $SNAPGPU_WORKSPACE" >&2; exit 20; }
            install_user_keys || { echo "snapgpu: cannot write ~/.ssh/authorized_keys" >&2; exit 25; }
            if [ "${SNAPGPU_NO_AUTO_TMUX:-}" = 1 ]; then : > "$HOME/.no_auto_tmux"; fi
            dir=$HOME/.snapgpu/bin
            mkdir -p -- "$dir" || { echo "snapgpu: cannot create $dir" >&2; exit 21; }
            echo "home=$HOME"
            bin=$dir/restic
            if [ -f "$bin" ] && [ "$(sum "$bin")" = "$SNAPGPU_RESTIC_SHA256" ]; then
              echo "restic=present"
            else
              tmp=$dir/restic.download.$$
              got=
              if [ -n "${SNAPGPU_RESTIC_URL:-}" ]; then
                if command -v curl >/dev/null 2>&1; then
                  printf 'url = "%s"\\n' "$SNAPGPU_RESTIC_URL" | curl -fsS --retry 2 -K - -o "$tmp" && got=1
                elif command -v wget >/dev/null 2>&1; then
                  printf '%s\\n' "$SNAPGPU_RESTIC_URL" | wget -q -O "$tmp" -i - && got=1
                fi
              fi
              if [ -z "$got" ]; then rm -f "$tmp"; echo "restic=needs-upload"; exit 0; fi
              if [ "$(sum "$tmp")" != "$SNAPGPU_RESTIC_SHA256" ]; then
                rm -f "$tmp"; echo "snapgpu: the downloaded restic has the wrong SHA-256" >&2; exit 22
              fi
              chmod 755 "$tmp" && mv -f "$tmp" "$bin" || exit 23
              echo "restic=downloaded"
            fi
            "$bin" version || exit 24
            """;

    /** After an SFTP upload to ~/.snapgpu/bin/restic.upload: checks its hash, installs it, asks its version. */
    static final String FINISH = SUM + """
            set -u
            dir=$HOME/.snapgpu/bin
            up=$dir/restic.upload
            if [ "$(sum "$up")" != "$SNAPGPU_RESTIC_SHA256" ]; then
              rm -f "$up"; echo "snapgpu: the uploaded restic has the wrong SHA-256" >&2; exit 22
            fi
            chmod 755 "$up" && mv -f "$up" "$dir/restic" || exit 23
            echo "restic=uploaded"
            "$dir/restic" version || exit 24
            """;
}

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
     * Creates the workspace, switches vast's auto-tmux off when asked, and makes sure
     * ~/.snapgpu/bin/restic is the pinned binary: kept when its hash matches, else downloaded from the
     * link (curl or wget, the link read from stdin so it is on no command line). Without a downloader,
     * or when the download fails, it says {@code restic=needs-upload} and exits 0: SnapGPU then sends
     * the binary over SFTP and runs {@link #FINISH}.
     */
    static final String PREPARE = SUM + """
            set -u
            mkdir -p -- "$SNAPGPU_WORKSPACE" || { echo "snapgpu: cannot create the workspace $SNAPGPU_WORKSPACE" >&2; exit 20; }
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

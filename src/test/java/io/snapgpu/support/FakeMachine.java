package io.snapgpu.support;

import io.snapgpu.provider.local.OpenSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A rented machine of a provider-shaped test API: a real Debian OpenSSH sshd, started once the
 * machine has "booted", with its own home (as /root) and /workspace, without restic, accepting only
 * the keys its provider installed.
 */
public final class FakeMachine {
    public final String id;
    public final String offerId;
    public final String label;
    public final Path root;
    private final long runningAtNanos;
    private volatile OpenSshServer sshd;

    FakeMachine(String id, String offerId, String label, Path root, long bootMillis) {
        this.id = id;
        this.offerId = offerId;
        this.label = label;
        this.root = root;
        this.runningAtNanos = System.nanoTime() + bootMillis * 1_000_000;
    }

    public Path workspace() {
        return root.resolve("workspace");
    }

    public Path home() {
        return root.resolve("home");
    }

    boolean booted() {
        return System.nanoTime() >= runningAtNanos;
    }

    /**
     * Its sshd's port once it runs, else null; the first call starts it (with these keys) in the
     * background, as a machine's boot does, so the provider's API answers at once meanwhile.
     */
    synchronized Integer sshPort(List<String> keys) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (sshd == null && !starting) {
            starting = true;
            List<String> authorized = List.copyOf(keys);
            Thread t = new Thread(() -> start(authorized), "fake-machine-" + id);
            t.setDaemon(true);
            t.start();
        }
        return sshd == null ? null : sshd.port();
    }

    private boolean starting;
    private IOException failure;

    private void start(List<String> keys) {
        try {
            Files.createDirectories(workspace());
            Files.createDirectories(home());
            OpenSshServer started = OpenSshServer.start(new OpenSshServer.Options(home(), root.resolve("ssh"), 0, keys,
                    Set.of("restic"), workspace()));
            synchronized (this) {
                if (destroyed) {
                    started.close();
                } else {
                    sshd = started;
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    private boolean destroyed;

    synchronized boolean running() {
        return sshd != null;
    }

    public boolean sshdAlive() {
        OpenSshServer s = sshd;
        return s != null && s.alive();
    }

    synchronized void destroy() {
        destroyed = true;
        if (sshd != null) {
            sshd.close();
        }
    }
}

package io.snapgpu.provider.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedded marketplace (env SNAPGPU_LOCAL_...). */
@ConfigMapping(prefix = "snapgpu.local")
public interface LocalConfig {
    @WithDefault("true")
    boolean enabled();

    /** marketplace (realistic boot spread) or fast (every host boots in 2–6 s). */
    @WithDefault("marketplace")
    String preset();

    /** Same seed, same hosts: host identities persist across restarts. */
    @WithDefault("42")
    long seed();

    @WithDefault("40")
    int hosts();

    /** SNAPGPU_LOCAL_TIME_SCALE: 0.05 makes a 20 s boot take 1 s (create latency scales too). */
    @WithDefault("1.0")
    double timeScale();

    /** Create calls take this long (before scaling), sampled uniformly: a marketplace API is not instant. */
    @WithDefault("300")
    int createLatencyMinMs();

    @WithDefault("1500")
    int createLatencyMaxMs();

    /**
     * Hosts whose create call answers slowly (after {@link #slowCreateLatencyMs}, before scaling), as
     * some marketplace hosts do: a race must destroy such a machine when its create finally returns.
     */
    java.util.Optional<java.util.List<String>> slowCreateHosts();

    /**
     * Where the machines live (default: {@code local-instances} in the data directory). Replicas that
     * share one database share the marketplace by pointing this at the same directory.
     */
    java.util.Optional<String> sandboxDir();

    @WithDefault("120000")
    int slowCreateLatencyMs();

    /**
     * Share of hosts (0 to 1) rented by other people at any moment: they are not offered and cannot
     * be created. Each host is taken in blocks of {@link #othersRentalSeconds} (marketplace seconds,
     * scaled like boots) at a random phase, so the offers change over time as on a real marketplace.
     */
    @WithDefault("0")
    double othersShare();

    @WithDefault("300")
    int othersRentalSeconds();

    /**
     * The SSH server each machine runs: {@code embedded} (Apache MINA SSHD in this process, needs
     * nothing installed) or {@code openssh} (Debian's /usr/sbin/sshd per machine in a private mount
     * namespace whose /root is the machine's home; needs root, openssh-server and unshare).
     */
    @WithDefault("embedded")
    String sshServer();

    /**
     * Programs of this computer that the machines do not have (their PATH leaves them out; under
     * OpenSSH they are hidden in the machine's mount namespace). restic is always among them, so a
     * machine starts without restic as a rented one does; tests add curl and wget to see machines
     * that cannot download.
     */
    @WithDefault("restic")
    java.util.List<String> hiddenPrograms();

    /**
     * Hosts whose machines have no downloader (neither curl nor wget), as some minimal images: the
     * bootstrap must send restic over SFTP there.
     */
    java.util.Optional<java.util.List<String>> bareHosts();
}

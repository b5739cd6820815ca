package io.snapgpu.provider.local;

import io.smallrye.mutiny.Uni;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.config.Trees;
import io.snapgpu.embedded.DataDirectory;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The embedded GPU marketplace: a real provider whose machines are sandbox directories on this
 * computer, booting after their host's (time-scaled) boot delay, some never. Each machine that has
 * booted runs its own SSH server on a loopback port (see {@link LocalConfig#sshServer()}), which is
 * the only way SnapGPU reaches it, as with any provider; readiness is observed the same way too.
 */
@ApplicationScoped
public class LocalProvider implements GpuProvider {
    public static final String NAME = "local";
    private static final Logger LOG = Logger.getLogger(LocalProvider.class);

    private final LocalConfig config;
    private final Map<String, LocalHost> hosts;
    private final Path sandboxes;
    private final Map<String, LocalInstance> instances = new ConcurrentHashMap<>();
    private final Random random;
    private final Map<String, MachineSshServer> servers = new ConcurrentHashMap<>();
    /**
     * Machines destroyed here: nothing brings one back, not a look at it that was under way while it
     * was destroyed (it might otherwise start its SSH server and write its sandbox again).
     */
    private final java.util.Set<String> destroyed = ConcurrentHashMap.newKeySet();
    /** Per machine: its destroy and the saving of a server just started never overlap. */
    private final Map<String, Object> teardown = new ConcurrentHashMap<>();
    private final EmbeddedSshServers embedded;

    public LocalProvider(LocalConfig config, SnapgpuConfig snapgpu) {
        this.config = config;
        this.hosts = LocalMarket.generate(config.preset(), config.seed(), config.hosts()).stream()
                .collect(Collectors.toMap(LocalHost::hostId, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        this.random = new Random(config.seed() ^ System.nanoTime());
        this.sandboxes = config.sandboxDir().map(Path::of)
                .orElseGet(() -> DataDirectory.resolve(snapgpu.dataDir().orElse(null)).resolve("local-instances"));
        if (!List.of("embedded", "openssh").contains(config.sshServer())) {
            throw new IllegalArgumentException("snapgpu.local.ssh-server must be one of [embedded, openssh] (got "
                    + config.sshServer() + ")");
        }
        this.embedded = new EmbeddedSshServers(sandboxes.resolve(".tools"), config.hiddenPrograms());
        loadExisting();
    }

    /** The machines' SSH servers stop with SnapGPU and start again when a machine is next looked at. */
    @jakarta.annotation.PreDestroy
    void stop() {
        servers.values().forEach(MachineSshServer::close);
        servers.clear();
        embedded.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Its machines are sandboxes on this computer. */
    @Override
    public boolean machinesRunHere() {
        return true;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    public Map<String, LocalHost> hosts() {
        return hosts;
    }

    @Override
    public Uni<List<Offer>> searchOffers(OfferQuery query) {
        return Uni.createFrom().item(() -> {
            var rented = machines().stream().map(i -> i.hostId).collect(Collectors.toSet());
            long now = System.currentTimeMillis();
            return hosts.values().stream().filter(h -> !rented.contains(h.hostId()) && !takenByOthers(h.hostId(), now))
                    .map(this::offer).filter(query::matches).toList();
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()); // lists the sandboxes
    }

    Offer offer(LocalHost h) {
        return new Offer(NAME, "offer-" + h.hostId(), h.hostId(), h.hostId(), h.gpuModel(), h.gpuCount(),
                h.gpuRamMb(), 8.0 * h.gpuCount(), 32768 * h.gpuCount(), 500.0, h.pricePerHour(), h.region(),
                h.reliability(), h.inetDownMbps(), h.inetDownMbps() / 2, h.cudaVersion(), true);
    }

    @Override
    public Uni<ProviderInstance> create(Offer offer, LaunchSpec spec) {
        LocalHost host = hosts.get(offer.hostId());
        boolean slow = host != null && config.slowCreateHosts().map(l -> l.contains(host.hostId())).orElse(false);
        long latency = Math.round(scaled(slow ? config.slowCreateLatencyMs() : config.createLatencyMinMs()
                + random.nextInt(Math.max(1, config.createLatencyMaxMs() - config.createLatencyMinMs()))));
        return Uni.createFrom().item(() -> {
            if (host == null || !offer.offerId().equals("offer-" + host.hostId())) {
                throw new ProviderException(NAME, ProviderException.Kind.OFFER_UNAVAILABLE,
                        "no such offer " + offer.offerId());
            }
            if (machines().stream().anyMatch(i -> i.hostId.equals(host.hostId()))
                    || takenByOthers(host.hostId(), System.currentTimeMillis())) {
                throw new ProviderException(NAME, ProviderException.Kind.OFFER_UNAVAILABLE,
                        "host " + host.hostId() + " is rented");
            }
            if (host.boot().kind() == BootProfile.Kind.FAILS_AT_CREATE) {
                throw new ProviderException(NAME, ProviderException.Kind.OFFER_UNAVAILABLE,
                        "host " + host.hostId() + " failed to start the machine");
            }
            long now = System.currentTimeMillis();
            double boot = host.boot().sampleSeconds(random);
            long readyAt = Double.isInfinite(boot) ? Long.MAX_VALUE : now + Math.round(scaled(boot * 1000));
            String id = "li-" + UUID.randomUUID().toString().substring(0, 12);
            LocalInstance i = new LocalInstance(id, host.hostId(), spec.label(), host.pricePerHour(), now, readyAt,
                    sandboxes.resolve(id));
            try {
                i.save();
                authorize(i, spec.sshPublicKey());
            } catch (IOException e) {
                throw new ProviderException(NAME, ProviderException.Kind.BACKEND, "cannot create the sandbox: "
                        + e.getMessage(), null, e);
            }
            instances.put(id, i);
            return view(i);
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()) // file I/O
                .onItem().delayIt().by(Duration.ofMillis(latency));
    }

    @Override
    public Uni<ProviderInstance> status(String providerInstanceId) {
        // reads the sandbox and may start the machine's SSH server: off the caller's (event-loop) thread
        return Uni.createFrom().item(() -> machine(providerInstanceId).map(this::view)
                .orElseGet(() -> ProviderInstance.gone(NAME, providerInstanceId)))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Void> destroy(String providerInstanceId) {
        return Uni.createFrom().item(() -> {
            LocalInstance i = machine(providerInstanceId).orElse(null);
            destroyed.add(providerInstanceId);
            synchronized (teardown(providerInstanceId)) {
                instances.remove(providerInstanceId);
                MachineSshServer server = servers.remove(providerInstanceId);
                if (server != null) {
                    server.close();
                }
                if (i != null) {
                    i.processes.forEach(p -> {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
                    deleteTree(i.root);
                }
            }
            // a server starting now takes a fresh lock and finds the machine destroyed
            teardown.remove(providerInstanceId);
            return null;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    @Override
    public Uni<List<ProviderInstance>> listLabelled(String labelPrefix) {
        return Uni.createFrom().item(() -> machines().stream()
                .filter(i -> i.label != null && i.label.startsWith(labelPrefix)).map(this::view).toList())
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Whether another customer rents this host now (see {@link LocalConfig#othersShare()}): a pure
     * function of host, seed and marketplace time, so every replica and restart sees the same market.
     */
    boolean takenByOthers(String hostId, long nowMillis) {
        double share = config.othersShare();
        if (share <= 0) {
            return false;
        }
        double rental = Math.max(1, config.othersRentalSeconds());
        double marketSeconds = nowMillis / 1000.0 / config.timeScale();
        long salt = config.seed() * 1_000_003L + hostId.hashCode();
        double phase = new java.util.SplittableRandom(salt).nextDouble() * rental;
        long block = (long) Math.floor((marketSeconds + phase) / rental);
        return new java.util.SplittableRandom(salt ^ (block * 0x9E3779B97F4A7C15L)).nextDouble() < share;
    }

    /**
     * Where the workspace is as the machine's commands see it: inside the sandbox with the embedded
     * server, {@code /root/workspace} under OpenSSH (whose mount namespace shows the home as /root).
     */
    @Override
    public String workspaceRoot(ProviderInstance machine) {
        if ("openssh".equals(config.sshServer())) {
            return "/root/workspace";
        }
        return sandboxes.resolve(machine.id()).resolve("root/workspace").toAbsolutePath().toString();
    }

    /** The machine's workspace on this computer's disk (tests and benchmarks look at it directly). */
    public Optional<Path> workspaceOnDisk(String providerInstanceId) {
        return machine(providerInstanceId).map(i -> i.home().resolve("workspace"));
    }

    /**
     * Test hook: the machine's SSH server is stopped and its host key thrown away, so the server that
     * starts at the next look presents a new key, as a machine reinstalled (or a stranger at its
     * address) would.
     */
    public void replaceHostKey(String providerInstanceId) throws IOException {
        LocalInstance i = machine(providerInstanceId).orElseThrow(() -> new IllegalArgumentException(
                "no local machine " + providerInstanceId));
        synchronized (i) {
            MachineSshServer server = servers.remove(i.id);
            if (server != null) {
                server.close();
            }
            for (String f : List.of("host_key", "ssh_host_ed25519_key", "ssh_host_ed25519_key.pub")) {
                Files.deleteIfExists(i.sshState().resolve(f));
            }
        }
    }

    /**
     * Loses a machine on demand (see {@link LocalFault}): the fault is written into its sandbox, so every
     * replica sees it, and its SSH server stops at once where the fault stops it. False when no such machine.
     */
    public boolean inflict(String providerInstanceId, LocalFault fault) {
        LocalInstance i = machine(providerInstanceId).orElse(null);
        if (i == null) {
            return false;
        }
        try {
            fault.writeTo(i.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fault.stopsSsh()) {
            MachineSshServer server = servers.remove(providerInstanceId);
            if (server != null) {
                server.close();
            }
        }
        LOG.infof("Local machine %s: %s (fault inflicted)", providerInstanceId, fault);
        return true;
    }

    /** The machine comes back from its fault (its SSH server starts again at the next look). */
    public void heal(String providerInstanceId) {
        machine(providerInstanceId).ifPresent(i -> {
            try {
                Files.deleteIfExists(i.root.resolve(LocalFault.FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Installs a public key for root on the machine, as a provider does at create. */
    private static void authorize(LocalInstance i, String publicKeyLine) throws IOException {
        if (publicKeyLine == null || publicKeyLine.isBlank()) {
            return;
        }
        Path ssh = Files.createDirectories(i.home().resolve(".ssh"));
        Files.writeString(ssh.resolve("authorized_keys"), publicKeyLine.strip() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The SSH port of a machine that has booted, its server started on first need; null if it cannot start. */
    private Object teardown(String id) {
        return teardown.computeIfAbsent(id, k -> new Object());
    }

    private Integer sshPort(LocalInstance i) {
        MachineSshServer running = servers.get(i.id);
        if (running != null && running.alive()) {
            return running.port();
        }
        synchronized (i) {
            running = servers.get(i.id);
            if (running != null && running.alive()) {
                return running.port();
            }
            try {
                MachineSshServer started = startServer(i);
                synchronized (teardown(i.id)) {
                    if (destroyed.contains(i.id)) { // destroyed while its server started
                        started.close();
                        return null;
                    }
                    servers.put(i.id, started);
                    if (started.port() != i.sshPort) {
                        i.sshPort = started.port();
                        i.save();
                    }
                }
                return started.port();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("The SSH server of local machine %s did not start: %s", i.id, e.getMessage());
                return null;
            }
        }
    }

    private MachineSshServer startServer(LocalInstance i) throws IOException {
        if (!"openssh".equals(config.sshServer())) {
            return embedded.start(i, i.sshPort, lacking(i));
        }
        stopStale(i.sshState().resolve("sshd.pid"));
        java.util.Set<String> hidden = new java.util.HashSet<>(config.hiddenPrograms());
        hidden.add("restic");
        hidden.addAll(lacking(i));
        Path keys = i.home().resolve(".ssh/authorized_keys");
        List<String> authorized = Files.exists(keys) ? Files.readAllLines(keys).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        try {
            return OpenSshServer.start(new OpenSshServer.Options(i.home(), i.sshState(), i.sshPort, authorized, hidden));
        } catch (IOException e) {
            if (i.sshPort == 0) {
                throw e;
            }
            // its old port is taken meanwhile: a new one, as after a host reboot
            return OpenSshServer.start(new OpenSshServer.Options(i.home(), i.sshState(), 0, authorized, hidden));
        }
    }

    /** An sshd of this machine left by an earlier SnapGPU process (killed before it could stop it). */
    private static void stopStale(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .filter(p -> p.info().command().map(c -> c.endsWith("sshd")).orElse(false))
                        .ifPresent(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        });
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("no stale sshd to stop at %s: %s", pidFile, e.getMessage());
        }
    }

    /** What a machine lacks besides the marketplace's hidden programs: downloaders, on a bare host. */
    private java.util.Set<String> lacking(LocalInstance i) {
        return config.bareHosts().map(l -> l.contains(i.hostId)).orElse(false) ? java.util.Set.of("curl", "wget")
                : java.util.Set.of();
    }

    /**
     * A machine of this marketplace, also one another replica (sharing the sandbox directory)
     * created; gone once its sandbox is gone, whoever destroyed it.
     */
    Optional<LocalInstance> machine(String id) {
        if (destroyed.contains(id)) {
            return Optional.empty();
        }
        LocalInstance known = instances.get(id);
        if (known != null) {
            if (Files.exists(known.root.resolve(LocalInstance.META))) {
                return Optional.of(known);
            }
            instances.remove(id, known);
            return Optional.empty();
        }
        if (id == null || id.contains("/") || id.contains("..")) {
            return Optional.empty();
        }
        Path dir = sandboxes.resolve(id);
        if (!Files.exists(dir.resolve(LocalInstance.META))) {
            return Optional.empty();
        }
        try {
            LocalInstance loaded = LocalInstance.load(dir);
            return Optional.of(instances.computeIfAbsent(id, k -> loaded));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every machine of this marketplace now (the sandbox directory is the truth, shared by replicas). */
    private List<LocalInstance> machines() {
        if (!Files.isDirectory(sandboxes)) {
            return List.copyOf(instances.values());
        }
        try (Stream<Path> dirs = Files.list(sandboxes)) {
            return dirs.map(d -> machine(d.getFileName().toString())).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.copyOf(instances.values());
        }
    }

    private ProviderInstance view(LocalInstance i) {
        long now = System.currentTimeMillis();
        LocalFault fault = i.running(now) ? LocalFault.of(i.root).orElse(null) : null;
        if (fault != null) {
            if (fault.stopsSsh()) {
                MachineSshServer server = servers.remove(i.id); // inflicted by another process, or a replica
                if (server != null) {
                    server.close();
                }
            }
            return switch (fault) {
                case HOST_OFFLINE -> new ProviderInstance(NAME, i.id, i.label, ProviderInstance.State.FAILED, i.hostId,
                        "127.0.0.1", null, i.pricePerHour, "offline");
                case CONTAINER_EXIT -> new ProviderInstance(NAME, i.id, i.label, ProviderInstance.State.FAILED,
                        i.hostId, "127.0.0.1", null, i.pricePerHour, "exited");
                // the provider still reports its SSH port; nothing listens there any more
                case SSH_DEAD -> new ProviderInstance(NAME, i.id, i.label, ProviderInstance.State.RUNNING, i.hostId,
                        "127.0.0.1", i.sshPort == 0 ? null : i.sshPort, i.pricePerHour, "running");
                case PREEMPTED -> new ProviderInstance(NAME, i.id, i.label, ProviderInstance.State.STOPPED, i.hostId,
                        "127.0.0.1", sshPort(i), i.pricePerHour, "preempted");
            };
        }
        ProviderInstance.State state;
        if (i.running(now)) {
            state = ProviderInstance.State.RUNNING;
        } else if (i.readyAtMillis != Long.MAX_VALUE
                && now < i.createdAtMillis + (i.readyAtMillis - i.createdAtMillis) * 3 / 10) {
            state = ProviderInstance.State.PROVISIONING;
        } else {
            state = ProviderInstance.State.LOADING;
        }
        Integer port = state == ProviderInstance.State.RUNNING ? sshPort(i) : null;
        return new ProviderInstance(NAME, i.id, i.label, state, i.hostId, "127.0.0.1", port, i.pricePerHour,
                state.name().toLowerCase());
    }

    private double scaled(double v) {
        return v * config.timeScale();
    }

    private void loadExisting() {
        if (!Files.isDirectory(sandboxes)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(sandboxes)) {
            dirs.filter(d -> Files.exists(d.resolve(LocalInstance.META))).forEach(d -> {
                try {
                    LocalInstance i = LocalInstance.load(d);
                    instances.put(i.id, i);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Ignoring unreadable local machine %s: %s", d, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!instances.isEmpty()) {
            LOG.infof("Local marketplace still runs %d machine(s) from before the restart", instances.size());
        }
    }

    private static void deleteTree(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException e) {
            LOG.warnf("Could not remove sandbox %s: %s", root, e.getMessage());
        }
    }
}

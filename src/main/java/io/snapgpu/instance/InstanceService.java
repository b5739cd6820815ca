package io.snapgpu.instance;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.bootstrap.BootstrapFailedException;
import io.snapgpu.instance.bootstrap.MachineBootstrap;
import io.snapgpu.instance.bootstrap.MachineRestic;
import io.snapgpu.offer.Offer;
import io.snapgpu.provider.ExposedPort;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.restic.ResticTarget;
import io.snapgpu.restic.ResticVersion;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.graphql.Input;
import org.jboss.logging.Logger;

/**
 * The life of a rented machine. Invariant: a machine is recorded before the provider is asked for
 * it, and every end is recorded with its reason, so none is ever billed without SnapGPU knowing.
 */
@ApplicationScoped
public class InstanceService {
    private static final Logger LOG = Logger.getLogger(InstanceService.class);
    private static final java.util.regex.Pattern IMAGE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,199}");

    private final Db db;
    private final InstanceRepository instances;
    private final ProviderRegistry providers;
    private final ShellConnector shells;
    private final InstanceConfig config;
    private final SshIdentity sshIdentity;
    private final MachineBootstrap bootstrap;
    private final StorageReach storage;

    public InstanceService(Db db, InstanceRepository instances, ProviderRegistry providers, ShellConnector shells,
            InstanceConfig config, SshIdentity sshIdentity, MachineBootstrap bootstrap,
            StorageReach storage) {
        this.storage = storage;
        this.sshIdentity = sshIdentity;
        this.bootstrap = bootstrap;
        this.db = db;
        this.instances = instances;
        this.providers = providers;
        this.shells = shells;
        this.config = config;
    }


    public InstanceConfig config() {
        return config;
    }

    /**
     * Records the machine, then rents it. On a failed create the row ends FAILED (CREATE_FAILED) and
     * a machine the provider created anyway is destroyed. {@code recorded} learns the id first.
     */
    public Uni<Instance> launch(UUID tenantId, Offer offer, String image, int diskGb, Consumer<Instance> recorded) {
        return launch(tenantId, offer, image, diskGb, i -> Uni.createFrom().voidItem(), recorded);
    }

    /**
     * As {@link #launch(UUID, Offer, String, int, Consumer)}, and {@code alsoRecord} stores what the
     * caller keeps about this machine in the same transaction as the row, so no crash can leave a
     * machine that the caller's records do not name.
     */
    public Uni<Instance> launch(UUID tenantId, Offer offer, String image, int diskGb,
            java.util.function.Function<Instance, Uni<?>> alsoRecord, Consumer<Instance> recorded) {
        GpuProvider provider = providers.require("provider", offer.provider());
        storage.require("provider", provider); // callers checked already; nothing is recorded for a refused one
        Instance i = new Instance();
        i.id = UUID.randomUUID();
        i.tenantId = tenantId;
        i.provider = offer.provider();
        i.offerId = offer.offerId();
        i.hostId = offer.hostId();
        i.gpuModel = offer.gpuModel();
        i.gpuCount = offer.gpuCount();
        i.pricePerHour = offer.pricePerHour();
        i.label = Instance.labelFor(i.id);
        i.createdAt = UtcClock.now();
        i.updatedAt = i.createdAt;
        i.status = InstanceStatus.PROVISIONING;
        LaunchSpec spec = new LaunchSpec(imageFor(offer.provider(), image), diskGb, i.label, Map.of(),
                sshIdentity.publicKeyLine());
        return db.tx(() -> instances.persist(i).call(() -> alsoRecord.apply(i)))
                .invoke(recorded)
                .chain(saved -> provider.create(offer, spec)
                        .onItemOrFailure().transformToUni((machine, failure) -> failure == null
                                ? update(i.id, row -> {
                                    row.providerInstanceId = machine.id();
                                    row.sshHost = machine.sshHost();
                                    row.sshPort = machine.sshPort();
                                    if (row.status == InstanceStatus.PROVISIONING) {
                                        row.transition(InstanceStatus.BOOTING, UtcClock.now());
                                    }
                                })
                                : createFailed(provider, i.id, failure)));
    }

    private Uni<Instance> createFailed(GpuProvider provider, UUID id, Throwable failure) {
        String leaked = failure instanceof ProviderException pe ? pe.createdInstanceId() : null;
        Uni<Void> cleanup = leaked == null ? Uni.createFrom().voidItem()
                : provider.destroy(leaked).onFailure().invoke(e -> LOG.warnf(
                        "Could not destroy machine %s of a failed create; the reaper will retry: %s", leaked, e.getMessage()))
                        .onFailure().recoverWithNull().replaceWithVoid();
        return cleanup.chain(() -> update(id, row -> {
            row.providerInstanceId = leaked;
            if (row.status.alive()) {
                row.terminationReason = TerminationReason.CREATE_FAILED;
                row.transition(leaked == null ? InstanceStatus.FAILED : InstanceStatus.DESTROYED, UtcClock.now());
            }
        })).chain(() -> Uni.createFrom().failure(failure));
    }

    /**
     * Loads the row in its own transaction, changes it, saves it. When another writer changed the row
     * meanwhile (a race's destroy and the readiness watch of the same machine), it is read and changed
     * again: every change here is a guarded transition, so applying it to the newer row is right.
     */
    public Uni<Instance> update(UUID id, Consumer<Instance> change) {
        return db.tx(() -> instances.findById(id).invoke(change)).onFailure(InstanceService::conflict).retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(100)).atMost(5);
    }

    /** An optimistic-lock conflict: the row's version moved on between read and write. */
    static boolean conflict(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof org.hibernate.StaleStateException || e instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One look at a booting machine: what its provider says, whether it is ready for us (bootstrapped:
     * {@code restic} is its own restic then), and when we knew ({@code nanoTime} for measuring how fast
     * the control plane reacts).
     */
    public record Observation(ProviderInstance machine, boolean ready, MachineRestic restic, OffsetDateTime at,
            long nanoTime) {
        public Observation(ProviderInstance machine, MachineRestic restic) {
            this(machine, restic != null, restic, UtcClock.now(), System.nanoTime());
        }
    }

    /**
     * Polls the provider until the machine runs, its shell answers and the bootstrap has prepared it
     * (workspace, pinned restic answering its version), emitting every observation (a race shows them)
     * and the ready one last; then the row is READY with the machine's restic. Fails when the machine
     * is gone or failed at the provider, or its bootstrap cannot succeed. Time limits are the caller's.
     */
    public Multi<Observation> watchUntilReady(Instance instance) {
        return watchUntilReady(instance, CloseWatch.NONE);
    }

    /** As {@link #watchUntilReady(Instance)}, polling more often while the machine is due ({@code watch}). */
    public Multi<Observation> watchUntilReady(Instance instance, CloseWatch watch) {
        GpuProvider provider = providers.require("provider", instance.provider);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger failedBootstraps = new java.util.concurrent.atomic.AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> (first.getAndSet(false) ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(watch.next(config.pollInterval(),
                                System.nanoTime())))
                        .chain(() -> provider.status(instance.providerInstanceId))
                        .chain(machine -> switch (machine.state()) {
                            case GONE, FAILED -> Uni.createFrom().failure(new IllegalStateException("machine "
                                    + machine.id() + " is " + machine.state().name().toLowerCase() + " at "
                                    + machine.provider()));
                            case RUNNING -> probeAndPrepare(instance, machine, failedBootstraps)
                                    .map(restic -> new Observation(machine, restic));
                            default -> Uni.createFrom().item(new Observation(machine, null));
                        }))
                .whilst(o -> !o.ready())
                .onItem().call(o -> !o.ready() ? Uni.createFrom().voidItem() : update(instance.id, row -> {
                    row.resticPath = o.restic().path();
                    row.resticVersion = o.restic().version().toString();
                    row.sshUser = provider.sshUser(o.machine());
                    if (o.machine().sshHost() != null && o.machine().sshPort() != null) {
                        // where it answered: many providers say so only once it runs
                        row.sshHost = o.machine().sshHost();
                        row.sshPort = o.machine().sshPort();
                    }
                    row.exposedPorts = ExposedPort.toJson(o.machine().ports());
                    if (row.status == InstanceStatus.BOOTING) {
                        row.transition(InstanceStatus.READY, UtcClock.now());
                    }
                }));
    }

    /**
     * The machine's restic once SSH answers and the bootstrap is done; null while not yet. A bootstrap
     * that failed for a passing reason is tried again at the next look, a bounded number of times.
     */
    private Uni<MachineRestic> probeAndPrepare(Instance instance, ProviderInstance machine,
            java.util.concurrent.atomic.AtomicInteger failed) {
        InstanceShell shell = shells.shellFor(instance, machine).orElse(null);
        if (shell == null) {
            return Uni.createFrom().nullItem();
        }
        return shell.probe(config.probeTimeout()).chain(ok -> !ok ? Uni.createFrom().<MachineRestic>nullItem()
                : bootstrap.prepare(shell, MachineBootstrap.Quirks.of(machine.provider()), instance.tenantId)
                        .onFailure(e -> !(e instanceof BootstrapFailedException)).recoverWithUni(e -> {
                            int n = failed.incrementAndGet();
                            LOG.infof("Bootstrap of machine %s failed (%d of %d): %s", instance.id, n,
                                    bootstrap.attempts(), e.getMessage());
                            return n >= bootstrap.attempts() ? Uni.createFrom().failure(new BootstrapFailedException(
                                    "the bootstrap failed " + n + " times: " + e.getMessage()))
                                    : Uni.createFrom().nullItem();
                        }));
    }

    /** What a person asks for: an offer of a provider, and what to run. */
    @Input("CreateInstanceInput")
    public record CreateRequest(String provider, String offerId, String image, Integer diskGb) {
    }

    /** Rents the offer for the caller; the machine boots in the background (watch its status). */
    public Uni<Instance> create(Caller caller, CreateRequest request) {
        CreateRequest r = request == null ? new CreateRequest(null, null, null, null) : request;
        FieldErrors errors = Inputs.check();
        GpuProvider provider = errors.get(() -> providers.require("provider", r.provider()));
        if (provider != null) {
            errors.run(() -> storage.require("provider", provider));
        }
        String offerId = errors.get(() -> Inputs.text("offerId", Inputs.required("offerId", r.offerId()), 200));
        String image = errors.get(() -> image("image", r.image()));
        int disk = errors.get(() -> diskGb("diskGb", r.diskGb()), 0);
        errors.throwIfAny();
        return provider.findOffer(offerId)
                .map(found -> found.orElseThrow(() -> new InputException("offerId", "no offer '"
                        + offerId + "' at " + provider.name() + " (it may have been rented meanwhile; search offers again)")))
                .chain(offer -> launch(caller.tenantId(), offer, image, disk, i -> { }))
                .invoke(this::watchInBackground);
    }

    /**
     * The image a person asked for, checked to be a plain container image reference; null when none was
     * given: each machine then gets its provider's default ({@link #imageFor}).
     */
    public String image(String field, String image) {
        if (image != null && !IMAGE.matcher(image).matches()) {
            throw new InputException(field,
                    "must be a container image reference: lowercase letters, digits and . _ / : @ - (at most 200)");
        }
        return image;
    }

    /** The image to run at this provider: the one asked for, else the provider's configured default. */
    public String imageFor(String provider, String image) {
        if (image != null) {
            return image;
        }
        String v = config.defaultImage().of(provider);
        if (!IMAGE.matcher(v).matches()) {
            throw new IllegalStateException("snapgpu.instances.default-image." + provider
                    + " is not a container image reference");
        }
        return v;
    }

    public int diskGb(String field, Integer diskGb) {
        return diskGb == null ? config.defaultDiskGb() : Inputs.range(field, diskGb, 10, 4000);
    }

    /** Creates a machine for a person and watches it in the background until ready (or destroys it). */
    public void watchInBackground(Instance instance) {
        watchUntilReady(instance).select().last().toUni()
                .ifNoItem().after(config.bootTimeout()).fail()
                .subscribe().with(ready -> LOG.infof("Instance %s is ready", instance.id),
                        failure -> {
                            LOG.warnf("Instance %s did not become ready: %s", instance.id, failure.getMessage());
                            destroy(instance.id, TerminationReason.BOOT_FAILED).subscribe().with(x -> { }, e -> { });
                        });
    }

    /** Destroys a machine and records why; safe to repeat. */
    public Uni<Instance> destroy(UUID id, TerminationReason reason) {
        return destroy(id, reason, row -> { });
    }

    /** As {@link #destroy(UUID, TerminationReason)}; {@code calling} runs just before the provider's destroy call. */
    public Uni<Instance> destroy(UUID id, TerminationReason reason, Consumer<Instance> calling) {
        return destroy(id, reason, calling, InstanceStatus.DESTROYED);
    }

    private Uni<Instance> destroy(UUID id, TerminationReason reason, Consumer<Instance> calling, InstanceStatus end) {
        return db.tx(() -> instances.findById(id).invoke(row -> {
            if (row != null && row.status.alive() && row.status != InstanceStatus.DESTROYING) {
                row.transition(InstanceStatus.DESTROYING, UtcClock.now());
                row.terminationReason = reason;
            }
        })).onFailure(InstanceService::conflict).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .atMost(5).chain(row -> {
            if (row == null || row.status != InstanceStatus.DESTROYING) {
                return Uni.createFrom().item(row);
            }
            Uni<Void> call = row.providerInstanceId == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().deferred(() -> {
                        calling.accept(row);
                        return providers.require("provider", row.provider).destroy(row.providerInstanceId);
                    });
            return call.invoke(() -> shells.forget(row.provider, row.providerInstanceId)).chain(() -> update(id, r -> {
                if (r.status == InstanceStatus.DESTROYING) {
                    r.transition(end, UtcClock.now());
                }
            }));
        });
    }

    /**
     * Ends a machine SnapGPU has lost or moved away from: destroyed at its provider (so it bills no more,
     * whatever state it is in there) and recorded with {@code reason}: FAILED when it was lost, else
     * DESTROYED. Safe to repeat.
     */
    public Uni<Instance> retire(UUID id, TerminationReason reason, boolean failed) {
        return destroy(id, reason, row -> { }, failed ? InstanceStatus.FAILED : InstanceStatus.DESTROYED);
    }

    /**
     * A machine whose create answer never reached us (the process died meanwhile): looks for it at its
     * provider by its label and records its id, so it can be destroyed. Returns the row as it is then.
     */
    public Uni<Instance> locate(UUID id) {
        return db.read(() -> instances.findById(id)).chain(row -> {
            if (row == null || row.providerInstanceId != null || !row.status.alive()) {
                return Uni.createFrom().item(row);
            }
            return providers.require("provider", row.provider).listLabelled(row.label)
                    .map(ms -> ms.stream().filter(m -> row.label.equals(m.label())).findFirst())
                    .chain(found -> found.isEmpty() ? Uni.createFrom().item(row) : update(id, r -> {
                        if (r.providerInstanceId == null) {
                            r.providerInstanceId = found.get().id();
                            if (r.status == InstanceStatus.PROVISIONING) {
                                r.transition(InstanceStatus.BOOTING, UtcClock.now());
                            }
                        }
                    }));
        });
    }

    /** The caller's machine; null when the tenant has no such machine. */
    public Uni<Instance> find(Caller caller, UUID id) {
        return db.read(() -> instances.findForTenant(caller.tenantId(), id));
    }

    public Uni<List<Instance>> list(Caller caller, boolean includeEnded) {
        return db.read(() -> instances.listForTenant(caller.tenantId(), includeEnded));
    }

    /**
     * A ready machine of this tenant's as snapshots and restores use it: its shell and its own restic.
     * A machine made ready before it had one (an older SnapGPU) is bootstrapped now.
     */
    public Uni<ReadyMachine> ready(Instance instance) {
        GpuProvider provider = providers.require("provider", instance.provider);
        return provider.status(instance.providerInstanceId).chain(m -> {
            InstanceShell shell = shells.shellFor(instance, m).orElseThrow(() -> new IllegalStateException(
                    "instance " + instance.id + " cannot take commands (" + m.state().name().toLowerCase() + ")"));
            if (instance.resticPath != null) {
                return Uni.createFrom().item(machine(shell, new MachineRestic(instance.resticPath,
                        ResticVersion.parse("restic " + instance.resticVersion).orElse(null))));
            }
            return bootstrap.prepare(shell, MachineBootstrap.Quirks.of(m.provider()), instance.tenantId)
                    .call(r -> update(instance.id, row -> {
                        row.resticPath = r.path();
                        row.resticVersion = r.version().toString();
                    })).map(r -> machine(shell, r));
        });
    }

    private static ReadyMachine machine(InstanceShell shell, MachineRestic restic) {
        return new ReadyMachine(shell, new ResticTarget(shell::exec, restic.path(), restic.version()));
    }

    static Duration elapsed(OffsetDateTime from) {
        return Duration.between(from, UtcClock.now());
    }
}

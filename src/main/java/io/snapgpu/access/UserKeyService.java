package io.snapgpu.access;

import io.snapgpu.config.UtcClock;
import io.snapgpu.security.UserKeyRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.bootstrap.MachineBootstrap;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A user's SSH public keys (add, list, remove). Every machine of the user's tenant gets the keys of
 * all the tenant's users from its bootstrap (a tenant's machines are shared by its users: each may
 * use and destroy them), alongside SnapGPU's own key; a key added or removed later reaches the
 * tenant's ready machines over their existing shells before the answer.
 */
@ApplicationScoped
public class UserKeyService {
    private static final Logger LOG = Logger.getLogger(UserKeyService.class);
    static final int MAX_KEYS_PER_USER = 50;
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(30);

    private final UserKeyRepository keys;
    private final InstanceService instances;
    private final MachineAccess machines;
    private final MachineBootstrap bootstrap;

    public UserKeyService(UserKeyRepository keys, InstanceService instances, MachineAccess machines,
            MachineBootstrap bootstrap) {
        this.keys = keys;
        this.instances = instances;
        this.machines = machines;
        this.bootstrap = bootstrap;
    }

    /** Where a change of keys reached: each ready machine of the tenant, installed or why not. */
    public record Pushed(String instanceId, boolean installed, String error) {
    }

    public record Added(UserKeyRepository.UserKey key, List<Pushed> machines) {
    }

    public Uni<List<UserKeyRepository.UserKey>> list(Caller caller) {
        return keys.forUser(caller.userId());
    }

    /** Checks everything before storing anything: a refused key leaves no trace. */
    public Uni<Added> add(Caller caller, String name, String publicKey) {
        FieldErrors errors = Inputs.check();
        UserKeys.Parsed parsed = errors.get(() -> UserKeys.parse(publicKey));
        String n = name == null || name.isBlank() ? (parsed == null ? null : UserKeys.defaultName(parsed))
                : errors.get(() -> Inputs.text("name", name, 100));
        if (n != null && n.isEmpty()) {
            errors.add("name", "must not be empty");
        }
        errors.throwIfAny();
        UserKeyRepository.UserKey key = new UserKeyRepository.UserKey(UUID.randomUUID(), caller.tenantId(),
                caller.userId(), n, parsed.type(), parsed.bits(), parsed.line(), parsed.fingerprint(),
                UtcClock.now());
        return keys.forUser(caller.userId()).chain(existing -> {
            if (existing.size() >= MAX_KEYS_PER_USER) {
                throw new InputException("publicKey", "you have " + MAX_KEYS_PER_USER + " keys already: remove one first");
            }
            return keys.insert(key);
        }).chain(inserted -> {
            if (!inserted) {
                throw new InputException("publicKey", "you have this key already (" + parsed.fingerprint() + ")");
            }
            return push(caller.tenantId());
        }).map(pushed -> new Added(key, pushed));
    }

    /** False when the user has no such key; otherwise it is also taken off the tenant's ready machines. */
    public Uni<Boolean> remove(Caller caller, UUID id) {
        return keys.delete(caller.userId(), id).call(done -> done ? push(caller.tenantId()) : Uni.createFrom().voidItem());
    }

    /** Installs the tenant's current keys on each of its ready machines; failures are reported, never thrown. */
    public Uni<List<Pushed>> push(UUID tenantId) {
        return keys.linesForTenant(tenantId).chain(lines -> instances.list(Caller.system(tenantId), false).chain(all -> {
            List<Instance> ready = all.stream().filter(UserKeyService::reachable).toList();
            if (ready.isEmpty()) {
                return Uni.createFrom().item(List.<Pushed>of());
            }
            return Multi.createFrom().iterable(ready).onItem().transformToUniAndMerge(i -> machines.shell(i)
                    .chain(shell -> bootstrap.installUserKeys(shell, lines))
                    .ifNoItem().after(PUSH_TIMEOUT).fail()
                    .map(count -> new Pushed(i.id.toString(), true, null))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("Could not install the SSH keys on machine %s: %s", i.id, e.getMessage());
                        return new Pushed(i.id.toString(), false, e.getMessage());
                    })).collect().asList();
        }));
    }

    public static boolean reachable(Instance i) {
        return i.status == InstanceStatus.READY || i.status == InstanceStatus.RESTORING || i.status == InstanceStatus.RUNNING;
    }
}

package io.snapgpu.instance;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Callers run these inside {@code Db.read}/{@code Db.tx}. Every tenant-facing lookup is scoped by tenant. */
@ApplicationScoped
public class InstanceRepository implements PanacheRepositoryBase<Instance, UUID> {

    public Uni<Instance> findForTenant(UUID tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<List<Instance>> listForTenant(UUID tenantId, boolean includeEnded) {
        return includeEnded
                ? list("tenantId = ?1 order by createdAt desc", tenantId)
                : list("tenantId = ?1 and status in ?2 order by createdAt desc", tenantId, InstanceStatus.ALIVE);
    }

    public Uni<List<Instance>> alive(String provider) {
        return list("provider = ?1 and status in ?2", provider, InstanceStatus.ALIVE);
    }

    /**
     * Pins {@code keyLine} as the machine's host key unless one is pinned already, and answers the key
     * pinned then (null when there is no such row). Run in one transaction: of two writers racing
     * (replicas connecting at once), the second's update waits for the first and then matches nothing.
     */
    public Uni<String> recordHostKey(UUID id, String keyLine) {
        return getSession().chain(s -> s.createNativeQuery(
                "update instance set host_key = :key where id = :id and host_key is null")
                .setParameter("key", keyLine).setParameter("id", id).executeUpdate()
                .chain(() -> s.createNativeQuery("select host_key from instance where id = :id", String.class)
                        .setParameter("id", id).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    public Uni<List<Instance>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }
}

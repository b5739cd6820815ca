package io.snapgpu.provider.http;

import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderInstance;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A create that failed without saying whether a machine was rented (timeout, 5xx, cut connection).
 * Repeating it could rent a second machine, so instead we look for one carrying the create's
 * label. Found: the failure carries its id and the caller destroys it, exactly as for a vast.ai
 * create that failed with a contract. Not found: the machine may still appear later, which is what
 * the label-driven orphan reaper is for; the message says so.
 */
public final class UnclearCreate {
    private static final Logger LOG = Logger.getLogger(UnclearCreate.class);

    private UnclearCreate() {
    }

    public static boolean applies(Throwable failure) {
        return failure instanceof ProviderCallException pce && pce.outcomeUnknown() && pce.createdInstanceId() == null;
    }

    public static <T> Uni<T> reconcile(String provider, String label, Throwable failure,
            Function<String, Uni<List<ProviderInstance>>> listLabelled) {
        ProviderCallException cause = (ProviderCallException) failure;
        return listLabelled.apply(label)
                .onFailure().transform(lookupFailure -> {
                    LOG.warnf("%s: create with label %s may have rented a machine, and looking for it failed too: %s",
                            provider, label, lookupFailure.getMessage());
                    return new ProviderException(provider, ProviderException.Kind.BACKEND, "create outcome unknown ("
                            + cause.detail() + "); looking for a machine labelled '" + label
                            + "' failed as well, the orphan reaper must check", null, cause);
                })
                .map(instances -> {
                    List<ProviderInstance> ours = instances.stream()
                            .filter(i -> label.equals(i.label()) && i.state() != ProviderInstance.State.GONE)
                            .toList();
                    if (ours.isEmpty()) {
                        throw new ProviderException(provider, ProviderException.Kind.BACKEND, "create outcome unknown ("
                                + cause.detail() + "); no machine labelled '" + label
                                + "' exists yet, the orphan reaper will destroy one if it appears", null, cause);
                    }
                    if (ours.size() > 1) {
                        LOG.warnf("%s: %d machines carry label %s; reporting %s, the orphan reaper handles the rest",
                                provider, ours.size(), label, ours.get(0).id());
                    }
                    throw new ProviderException(provider, ProviderException.Kind.BACKEND, "create failed ("
                            + cause.detail() + ") but rented machine " + ours.get(0).id() + ": destroy it",
                            ours.get(0).id(), cause);
                });
    }
}

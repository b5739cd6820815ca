package io.snapgpu.provider.runpod;

import static io.snapgpu.provider.runpod.RunPodJson.PROVIDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Uni;
import io.snapgpu.config.Loopback;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderException.Kind;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.SshKeyLine;
import io.snapgpu.provider.http.JsonFields;
import io.snapgpu.provider.http.ProviderCallException;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderHttp;
import io.snapgpu.provider.http.UnclearCreate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RunPod over its GraphQL API (docs/providers.md). Same policies as vast.ai:
 * reads and terminates are retried, a deploy only when RunPod surely did nothing; errors in a
 * 200 answer become {@link ProviderException}s of the matching kind.
 */
// unremovable: found through the GpuProvider SPI at run time, and its config mapping must stay registered
@Unremovable
@ApplicationScoped
public class RunPodProvider implements GpuProvider {

    private final ProviderHttp http;
    private final String baseUrl;
    private final RunPodGraphQL graphql;
    private final ProviderGuards guards;
    private final Duration callTimeout;
    private final Duration createTimeout;

    public RunPodProvider(RunPodConfig config, ObjectMapper json) {
        this.baseUrl = config.baseUrl();
        this.http = new ProviderHttp(PROVIDER, config.baseUrl(), config.apiKey(), config.connectTimeout(), json);
        this.graphql = new RunPodGraphQL(http);
        this.guards = new ProviderGuards(PROVIDER, config);
        this.callTimeout = config.callTimeout();
        this.createTimeout = config.createTimeout();
    }

    @Override
    public String name() {
        return PROVIDER;
    }

    /** Only an API on a loopback address (a stand-in) has machines on this computer. */
    @Override
    public boolean machinesRunHere() {
        return Loopback.isLoopbackUrl(baseUrl);
    }

    @Override
    public boolean enabled() {
        return http.hasApiKey();
    }

    @Override
    public Uni<List<Offer>> searchOffers(OfferQuery query) {
        ObjectNode variables = http.json().createObjectNode();
        int count = query.gpuCountMin() == null ? 1 : Math.max(1, query.gpuCountMin());
        variables.putObject("lowestPrice").put("gpuCount", count);
        return guards.idempotent(() -> graphql.execute("gpuTypes", RunPodGraphQL.GPU_TYPES, variables, callTimeout)
                .map(answer -> {
                    if (answer.failed()) {
                        throw graphql.failure("gpuTypes", answer, false);
                    }
                    return RunPodJson.offers(answer.data(), query);
                }));
    }

    /** RunPod's offers are its GPU types (a few dozen): the whole list is searched, not its first page. */
    @Override
    public Uni<Optional<Offer>> findOffer(String offerId) {
        OfferQuery all = new OfferQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, false, null,
                Integer.MAX_VALUE);
        return searchOffers(all).map(offers -> offers.stream().filter(o -> o.offerId().equals(offerId)).findFirst());
    }

    @Override
    public Uni<ProviderInstance> create(Offer offer, LaunchSpec spec) {
        return Uni.createFrom().deferred(() -> {
            String offerId = offer.offerId() == null ? "" : offer.offerId();
            int colon = offerId.lastIndexOf(':');
            String cloud = colon < 0 ? "" : offerId.substring(colon + 1);
            if (colon <= 0 || !RunPodJson.CLOUD_TYPES.contains(cloud)) {
                throw new ProviderException(PROVIDER, Kind.BAD_REQUEST, "not a RunPod offer id: " + offerId);
            }
            LaunchSpec checked = new LaunchSpec(spec.image(), spec.diskGb(), spec.label(), spec.env(),
                    SshKeyLine.require(PROVIDER, spec.sshPublicKey()));
            ObjectNode variables = http.json().createObjectNode();
            variables.set("input", RunPodJson.deployInput(http.json(), offerId.substring(0, colon), cloud,
                    offer.gpuCount(), checked));
            return guards.createOnce(() -> graphql.execute("podFindAndDeployOnDemand", RunPodGraphQL.DEPLOY, variables,
                    createTimeout).map(answer -> deployed(answer, offer, spec)));
        }).onFailure(UnclearCreate::applies)
                .recoverWithUni(e -> UnclearCreate.reconcile(PROVIDER, spec.label(), e, this::listLabelled));
    }

    private ProviderInstance deployed(RunPodGraphQL.Answer answer, Offer offer, LaunchSpec spec) {
        JsonNode pod = answer.field("podFindAndDeployOnDemand");
        String podId = JsonFields.text(pod, "id");
        if (answer.failed()) {
            ProviderCallException failure = graphql.failure("podFindAndDeployOnDemand", answer, true);
            if (podId != null) {
                throw new ProviderException(PROVIDER, failure.kind(), failure.detail() + " but created pod " + podId
                        + ": destroy it", podId, failure);
            }
            throw failure;
        }
        if (podId == null) {
            // no error and no pod: nothing says whether one was deployed
            throw ProviderCallException.answered(PROVIDER, Kind.BACKEND,
                    "podFindAndDeployOnDemand answered without a pod id", answer.status(), null, true);
        }
        String podHostId = JsonFields.text(pod.path("machine"), "podHostId");
        return new ProviderInstance(PROVIDER, podId, spec.label(), ProviderInstance.State.PROVISIONING,
                podHostId != null ? podHostId : offer.hostId(), null, null,
                JsonFields.decimal(pod, "costPerHr") != null ? JsonFields.decimal(pod, "costPerHr") : offer.pricePerHour(),
                JsonFields.text(pod, "desiredStatus"));
    }

    @Override
    public Uni<ProviderInstance> status(String providerInstanceId) {
        return Uni.createFrom().deferred(() -> {
            ObjectNode variables = podInput(providerInstanceId);
            return guards.idempotent(() -> graphql.execute("pod", RunPodGraphQL.POD, variables, callTimeout)
                    .map(answer -> {
                        if (answer.failed()) {
                            if (RunPodGraphQL.notFound(answer)) {
                                return ProviderInstance.gone(PROVIDER, providerInstanceId);
                            }
                            throw graphql.failure("pod", answer, false);
                        }
                        JsonNode pod = answer.field("pod");
                        return pod == null ? ProviderInstance.gone(PROVIDER, providerInstanceId) : RunPodJson.instance(pod);
                    }));
        });
    }

    @Override
    public Uni<Void> destroy(String providerInstanceId) {
        return Uni.createFrom().deferred(() -> {
            ObjectNode variables = podInput(providerInstanceId);
            return guards.idempotent(() -> graphql.execute("podTerminate", RunPodGraphQL.TERMINATE, variables, callTimeout)
                    .map(answer -> {
                        // a pod that is not found is already gone, which is what terminating wanted
                        if (answer.failed() && !RunPodGraphQL.notFound(answer)) {
                            throw graphql.failure("podTerminate", answer, false);
                        }
                        return Boolean.TRUE;
                    }));
        }).replaceWithVoid();
    }

    @Override
    public Uni<List<ProviderInstance>> listLabelled(String labelPrefix) {
        return guards.idempotent(() -> graphql.execute("myself.pods", RunPodGraphQL.MY_PODS, null, callTimeout)
                .map(answer -> {
                    if (answer.failed()) {
                        throw graphql.failure("myself.pods", answer, false);
                    }
                    JsonNode pods = answer.field("myself") == null ? null : answer.field("myself").get("pods");
                    if (pods == null || !pods.isArray()) {
                        // an empty list here would hide billed pods from the orphan reaper
                        throw ProviderCallException.answered(PROVIDER, Kind.BACKEND,
                                "myself.pods: answer has no pod list", answer.status(), null, false);
                    }
                    List<ProviderInstance> ours = new ArrayList<>();
                    for (JsonNode pod : pods) {
                        String name = JsonFields.text(pod, "name");
                        if (name != null && name.startsWith(labelPrefix)) {
                            ProviderInstance instance = RunPodJson.instance(pod);
                            if (instance.state() != ProviderInstance.State.GONE) {
                                ours.add(instance);
                            }
                        }
                    }
                    return List.copyOf(ours);
                }));
    }

    private ObjectNode podInput(String podId) {
        if (podId == null || podId.isBlank()) {
            throw new ProviderException(PROVIDER, Kind.BAD_REQUEST, "a pod id is required");
        }
        ObjectNode variables = http.json().createObjectNode();
        variables.putObject("input").put("podId", podId);
        return variables;
    }
}

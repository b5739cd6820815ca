package io.snapgpu.provider.vastai;

import static io.snapgpu.provider.vastai.VastAiJson.PROVIDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.snapgpu.provider.http.HttpAnswer;
import io.snapgpu.provider.http.JsonFields;
import io.snapgpu.provider.http.ProviderCallException;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderHttp;
import io.snapgpu.provider.http.UnclearCreate;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * vast.ai over its REST API (docs/providers.md). Reads, lists and destroys are retried; a create
 * only when vast surely did nothing (see {@link ProviderGuards}). A create that failed but still
 * names a {@code new_contract} reports it, so the caller destroys that machine.
 */
// unremovable: found through the GpuProvider SPI at run time, and its config mapping must stay registered
@Unremovable
@ApplicationScoped
public class VastAiProvider implements GpuProvider {
    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,19}");
    /** vast's v1 list pages hold at most 25; this bounds a listing that keeps handing out tokens. */
    private static final int MAX_PAGES = 400;
    private static final Set<String> UNAVAILABLE_ERRORS = Set.of("no_such_ask", "ask_unavailable", "unavailable",
            "offer_unavailable", "not_available", "already_rented");

    private static final Logger LOG = Logger.getLogger(VastAiProvider.class);

    private final ProviderHttp http;
    private final String baseUrl;
    private final ProviderGuards guards;
    private final Duration callTimeout;
    private final Duration createTimeout;
    private final int defaultDiskGb;

    /** {@code defaultDiskGb}: the disk a machine gets when nobody says, so searches price that disk. */
    public VastAiProvider(VastAiConfig config, ObjectMapper json,
            @ConfigProperty(name = "snapgpu.instances.default-disk-gb", defaultValue = "50") int defaultDiskGb) {
        this.baseUrl = config.baseUrl();
        this.http = new ProviderHttp(PROVIDER, config.baseUrl(), config.apiKey(), config.connectTimeout(), json);
        this.guards = new ProviderGuards(PROVIDER, config);
        this.callTimeout = config.callTimeout();
        this.createTimeout = config.createTimeout();
        this.defaultDiskGb = defaultDiskGb;
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
        return search(VastAiJson.searchQuery(http.json(), query, defaultDiskGb));
    }

    /** One search by id: the offer may be far beyond the cheapest hundred a plain search returns. */
    @Override
    public Uni<Optional<Offer>> findOffer(String offerId) {
        return Uni.createFrom().deferred(() -> {
            if (offerId == null || !NUMERIC_ID.matcher(offerId.trim()).matches()) {
                return Uni.createFrom().item(Optional.<Offer>empty()); // no vast offer has such an id
            }
            long id = Long.parseLong(offerId.trim());
            return search(VastAiJson.offerByIdQuery(http.json(), id, defaultDiskGb))
                    .map(offers -> offers.stream().filter(o -> o.offerId().equals(String.valueOf(id))).findFirst());
        });
    }

    private Uni<List<Offer>> search(JsonNode body) {
        String what = "POST /api/v0/bundles/";
        return guards.idempotent(() -> http.send("POST", "/api/v0/bundles/", body, callTimeout)
                .map(answer -> VastAiJson.offers(ok(what, answer))));
    }

    @Override
    public Uni<ProviderInstance> create(Offer offer, LaunchSpec spec) {
        return Uni.createFrom().deferred(() -> {
            String offerId = numericId(offer.offerId(), "offer id");
            String key = SshKeyLine.require(PROVIDER, spec.sshPublicKey());
            String path = "/api/v0/asks/" + offerId + "/";
            JsonNode body = VastAiJson.createBody(http.json(), spec);
            return guards.createOnce(() -> http.send("PUT", path, body, createTimeout)
                    .map(answer -> createResult("PUT " + path, answer, offer, spec)))
                    .call(created -> attachSshKey(created.id(), key));
        }).onFailure(UnclearCreate::applies)
                .recoverWithUni(e -> UnclearCreate.reconcile(PROVIDER, spec.label(), e, this::listLabelled));
    }

    /**
     * Attaches the key to the new instance (vast-cli {@code attach ssh}), so vast's sshd accepts it
     * without waiting for the onstart script. One attempt and never a failure of the create: the
     * onstart script installs the key as well, and the machine is rented either way.
     */
    private Uni<Void> attachSshKey(String instanceId, String key) {
        String path = "/api/v0/instances/" + numericId(instanceId, "instance id") + "/ssh/";
        return http.send("POST", path, VastAiJson.attachSshBody(http.json(), key), callTimeout)
                .invoke(answer -> {
                    JsonNode root = answer.successful() ? tryParse("POST " + path, answer) : null;
                    if (!answer.successful() || (root != null && Boolean.FALSE.equals(JsonFields.bool(root, "success")))) {
                        LOG.warnf("vast.ai did not attach the SSH key to instance %s (HTTP %d%s); the onstart script"
                                + " installs it", instanceId, answer.status(), root == null ? "" : ", " + reason(root));
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Could not attach the SSH key to vast.ai instance %s (%s); the"
                        + " onstart script installs it", instanceId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Override
    public Uni<ProviderInstance> status(String providerInstanceId) {
        return Uni.createFrom().deferred(() -> {
            String id = numericId(providerInstanceId, "instance id");
            String path = "/api/v0/instances/" + id + "/?owner=me";
            return guards.idempotent(() -> http.send("GET", path, null, callTimeout).map(answer -> {
                if (answer.status() == 404 || mentionsNoSuchInstance(answer)) {
                    return ProviderInstance.gone(PROVIDER, id);
                }
                JsonNode instance = VastAiJson.singleInstance(ok("GET " + path, answer));
                return instance == null ? ProviderInstance.gone(PROVIDER, id) : VastAiJson.instance(instance);
            }));
        });
    }

    @Override
    public Uni<Void> destroy(String providerInstanceId) {
        return Uni.createFrom().deferred(() -> {
            String id = numericId(providerInstanceId, "instance id");
            String path = "/api/v0/instances/" + id + "/";
            String what = "DELETE " + path;
            return guards.idempotent(() -> http.send("DELETE", path, null, callTimeout).map(answer -> {
                if (answer.status() == 404 || mentionsNoSuchInstance(answer)) {
                    return Boolean.TRUE; // already gone: what we wanted
                }
                JsonNode root = ok(what, answer);
                if (Boolean.FALSE.equals(JsonFields.bool(root, "success"))) {
                    // a destroy that did not happen must be retried later: a backend failure, not a bad request
                    throw ProviderCallException.answered(PROVIDER, Kind.BACKEND, what + " refused: " + reason(root),
                            answer.status(), null, true);
                }
                return Boolean.TRUE;
            }));
        }).replaceWithVoid();
    }

    /**
     * Follows the v1 list to its end: each answer's {@code next_token} is sent back as
     * {@code after_token} for the next page of (at most) 25. A machine on page two is still billed.
     */
    @Override
    public Uni<List<ProviderInstance>> listLabelled(String labelPrefix) {
        // fresh accumulators per subscription, so a re-subscribed Uni does not list machines twice
        return Uni.createFrom().deferred(() -> page(null, labelPrefix, new ArrayList<>(), new HashSet<>(), 0));
    }

    private Uni<List<ProviderInstance>> page(String token, String prefix, List<ProviderInstance> found,
            Set<String> seenTokens, int pages) {
        String path = "/api/v1/instances/" + (token == null ? "" : "?after_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        String what = "GET /api/v1/instances/";
        return guards.idempotent(() -> http.send("GET", path, null, callTimeout).map(answer -> ok(what, answer)))
                .chain(root -> {
                    JsonNode instances = root.get("instances");
                    if (instances == null || !instances.isArray()) {
                        // e.g. {"error":"deprecated_endpoint"}: an empty list here would hide billed machines
                        throw ProviderCallException.answered(PROVIDER, Kind.BACKEND,
                                what + ": answer has no instance list" + snippetOf(root), 200, null, false);
                    }
                    for (JsonNode inst : instances) {
                        String label = JsonFields.text(inst, "label");
                        if (label != null && label.startsWith(prefix)) {
                            found.add(VastAiJson.instance(inst));
                        }
                    }
                    String next = JsonFields.text(root, "next_token");
                    if (next == null || instances.isEmpty()) {
                        return Uni.createFrom().item(List.copyOf(found));
                    }
                    if (!seenTokens.add(next) || pages + 1 >= MAX_PAGES) {
                        throw ProviderCallException.answered(PROVIDER, Kind.BACKEND,
                                what + ": pagination does not end (token repeated or over " + MAX_PAGES + " pages)",
                                0, null, false);
                    }
                    return page(next, prefix, found, seenTokens, pages + 1);
                });
    }

    private ProviderInstance createResult(String what, HttpAnswer answer, Offer offer, LaunchSpec spec) {
        JsonNode root = answer.body() == null || answer.body().isBlank() ? null : tryParse(what, answer);
        String contract = root == null ? null : JsonFields.text(root, "new_contract");
        boolean success = root != null && Boolean.TRUE.equals(JsonFields.bool(root, "success"));
        if (answer.successful() && success && contract != null) {
            return new ProviderInstance(PROVIDER, contract, spec.label(), ProviderInstance.State.PROVISIONING,
                    offer.hostId(), null, null, offer.pricePerHour(), "created");
        }
        if (contract != null) {
            // vast rented a machine although the create failed: it is billed until the caller destroys it
            Kind kind = answer.successful() ? (unavailable(answer, root) ? Kind.OFFER_UNAVAILABLE : Kind.BACKEND)
                    : http.failure(what, answer).kind();
            throw new ProviderException(PROVIDER, kind, what + " failed (HTTP " + answer.status() + ", "
                    + (root == null ? "no details" : reason(root)) + ") but created instance " + contract
                    + ": destroy it", contract, null);
        }
        if (unavailable(answer, root)) {
            throw ProviderCallException.answered(PROVIDER, Kind.OFFER_UNAVAILABLE,
                    what + ": offer " + offer.offerId() + " is no longer available" + (root == null ? "" : " (" + reason(root) + ")"),
                    answer.status(), null, false);
        }
        if (!answer.successful()) {
            throw http.failure(what, answer);
        }
        if (root == null || success) {
            // a 2xx that names no contract does not tell whether a machine was rented
            throw ProviderCallException.answered(PROVIDER, Kind.BACKEND,
                    what + ": answer names no new_contract (HTTP " + answer.status() + ")", answer.status(), null, true);
        }
        throw ProviderCallException.answered(PROVIDER, Kind.BAD_REQUEST, what + " refused: " + reason(root),
                answer.status(), null, false);
    }

    private boolean unavailable(HttpAnswer answer, JsonNode root) {
        if (answer.status() == 404 || answer.status() == 410) {
            return true;
        }
        if (root == null) {
            return false;
        }
        String error = JsonFields.text(root, "error");
        if (error != null && UNAVAILABLE_ERRORS.contains(error.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String msg = String.valueOf(JsonFields.text(root, "msg")).toLowerCase(Locale.ROOT);
        return msg.contains("no longer available") || msg.contains("not available") || msg.contains("unavailable");
    }

    private JsonNode ok(String what, HttpAnswer answer) {
        if (!answer.successful()) {
            throw http.failure(what, answer);
        }
        return http.parse(what, answer);
    }

    private JsonNode tryParse(String what, HttpAnswer answer) {
        try {
            return http.parse(what, answer);
        } catch (ProviderCallException e) {
            return null;
        }
    }

    private static String snippetOf(JsonNode root) {
        String text = root.toString();
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static boolean mentionsNoSuchInstance(HttpAnswer answer) {
        return answer.body() != null && answer.body().contains("no_such_instance");
    }

    private static String reason(JsonNode root) {
        String error = JsonFields.text(root, "error");
        String msg = JsonFields.text(root, "msg");
        if (error == null && msg == null) {
            return "no reason given";
        }
        return error == null ? msg : msg == null ? error : error + ": " + msg;
    }

    /** vast ids are integers; checking keeps anything else out of the URL path. */
    private static String numericId(String id, String what) {
        if (id == null || !NUMERIC_ID.matcher(id.trim()).matches()) {
            throw new ProviderException(PROVIDER, Kind.BAD_REQUEST, "not a vast.ai " + what + ": " + id);
        }
        return id.trim();
    }
}

package io.snapgpu.provider.runpod;

import static io.snapgpu.provider.http.MockApiServer.bodyContains;
import static io.snapgpu.provider.http.ProviderAssertions.assertNoSecret;
import static io.snapgpu.provider.http.ProviderAssertions.await;
import static io.snapgpu.provider.http.ProviderAssertions.failure;
import static io.snapgpu.provider.http.ProviderAssertions.millisBetween;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderException.Kind;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderInstance.State;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.http.MockApiServer.Recorded;
import io.snapgpu.provider.http.MockApiServer.Reply;
import io.snapgpu.provider.http.ProviderAssertions.LogCapture;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderTestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RunPod adapter against a local GraphQL endpoint answering in RunPod's shapes. */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
class RunPodProviderTest {
    private static final String KEY = ProviderTestProfile.RUNPOD_KEY;
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ0ZXN0a2V5 snapgpu";
    private static final Predicate<Recorded> GPU_TYPES = bodyContains("gpuTypes");
    private static final Predicate<Recorded> DEPLOY = bodyContains("podFindAndDeployOnDemand");
    private static final Predicate<Recorded> POD = bodyContains("query Pod(");
    private static final Predicate<Recorded> TERMINATE = bodyContains("podTerminate");
    private static final Predicate<Recorded> MY_PODS = bodyContains("myself");

    @Inject
    RunPodProvider runpod;

    @Inject
    RunPodConfig config;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    MockApiServer api;

    @BeforeEach
    void freshServerAndCircuit() {
        api = MockApiServer.on(URI.create(config.baseUrl()).getPort());
        api.reset();
        runpod.name(); // creates the bean, and with it the named circuit breaker
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("runpod"));
    }

    @Test
    void enabledByItsApiKey() {
        assertEquals("runpod", runpod.name());
        assertTrue(runpod.enabled());
    }

    @Test
    void searchTurnsGpuTypesIntoOneOfferPerCloud() {
        api.stub(GPU_TYPES, Reply.ok("""
                {"data": {"gpuTypes": [
                  {"id": "NVIDIA GeForce RTX 4090", "displayName": "RTX 4090", "memoryInGb": 24, "maxGpuCount": 8,
                   "securePrice": 0.69, "communityPrice": 0.34, "secureSpotPrice": 0.5, "communitySpotPrice": 0.2,
                   "lowestPrice": {"minimumBidPrice": 0.2, "uninterruptablePrice": 0.34}},
                  {"id": "NVIDIA A100 80GB PCIe", "displayName": "A100 PCIe", "memoryInGb": 80, "maxGpuCount": 8,
                   "securePrice": 1.64, "communityPrice": null,
                   "lowestPrice": {"minimumBidPrice": 0.9, "uninterruptablePrice": 1.64}},
                  {"id": "NVIDIA H100 80GB HBM3", "displayName": "H100 SXM", "memoryInGb": 80, "maxGpuCount": 8,
                   "securePrice": 2.99, "communityPrice": 2.69,
                   "lowestPrice": {"minimumBidPrice": null, "uninterruptablePrice": null}},
                  {"id": "NVIDIA RTX A4000", "displayName": "RTX A4000", "memoryInGb": 16, "maxGpuCount": 1,
                   "securePrice": 0.32, "communityPrice": 0.17, "lowestPrice": null},
                  {"id": "NVIDIA GeForce RTX 3090", "displayName": "RTX 3090", "memoryInGb": 24, "maxGpuCount": 8,
                   "securePrice": 0.43, "communityPrice": 0.22, "lowestPrice": null, "someNewField": 3}
                ]}}"""));
        OfferQuery query = new OfferQuery(Set.of(), Set.of(), 2, 20000, new BigDecimal("3.00"), null, null, null,
                null, null, null, 50);

        List<Offer> offers = await(runpod.searchOffers(query));

        Recorded sent = api.requests().get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        assertEquals("/graphql", sent.path());
        assertNull(sent.uri().getQuery(), "the key never goes into the URL");
        assertTrue(sent.json().get("query").asText().contains("lowestPrice(input: $lowestPrice)"));
        assertEquals(2, sent.json().at("/variables/lowestPrice/gpuCount").asInt());
        // H100: no stock for 2; A4000: at most one per machine and too little memory; A100 community: no price
        assertEquals(List.of("NVIDIA GeForce RTX 3090:COMMUNITY", "NVIDIA GeForce RTX 4090:COMMUNITY",
                "NVIDIA GeForce RTX 3090:SECURE", "NVIDIA GeForce RTX 4090:SECURE"),
                offers.stream().map(Offer::offerId).toList(), "A100 at 2 x 1.64 is over the price limit");
        Offer secure4090 = offers.get(3);
        assertEquals(new Offer("runpod", "NVIDIA GeForce RTX 4090:SECURE", "NVIDIA GeForce RTX 4090:SECURE", null,
                "RTX 4090", 2, 24576, null, null, null, new BigDecimal("1.38"), null, null, null, null, null, true),
                secure4090);
        assertFalse(offers.get(0).verified(), "community cloud is not vetted");
    }

    @Test
    void searchFiltersByModelAndVerified() {
        api.stub(GPU_TYPES, Reply.ok("""
                {"data": {"gpuTypes": [
                  {"id": "NVIDIA GeForce RTX 4090", "displayName": "RTX 4090", "memoryInGb": 24, "maxGpuCount": 8,
                   "securePrice": 0.69, "communityPrice": 0.34},
                  {"id": "NVIDIA GeForce RTX 3090", "displayName": "RTX 3090", "memoryInGb": 24, "maxGpuCount": 8,
                   "securePrice": 0.43, "communityPrice": 0.22}]}}"""));
        OfferQuery query = new OfferQuery(Set.of(), Set.of("rtx 4090"), null, null, null, null, null, null, null, true,
                null, 10);

        List<Offer> offers = await(runpod.searchOffers(query));

        assertEquals(List.of("NVIDIA GeForce RTX 4090:SECURE"), offers.stream().map(Offer::offerId).toList());
        assertEquals(1, offers.get(0).gpuCount());
        assertEquals(1, api.requests().get(0).json().at("/variables/lowestPrice/gpuCount").asInt());
    }

    @Test
    void createDeploysWithTheLaunchSpec() {
        api.stub(DEPLOY, Reply.ok("""
                {"data": {"podFindAndDeployOnDemand": {"id": "pod-abc123", "desiredStatus": "RUNNING",
                  "imageName": "img", "machineId": "m-1", "costPerHr": 0.69, "machine": {"podHostId": "pod-abc123-64410c4f"}}}}"""));

        ProviderInstance created = await(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), spec("snapgpu-race-1")));

        assertEquals("pod-abc123", created.id());
        assertEquals(State.PROVISIONING, created.state());
        assertEquals("snapgpu-race-1", created.label());
        assertEquals("pod-abc123-64410c4f", created.hostId());
        assertEquals(new BigDecimal("0.69"), created.pricePerHour());
        Recorded sent = api.requests().get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        JsonNode input = sent.json().at("/variables/input");
        assertEquals("SECURE", input.get("cloudType").asText());
        assertEquals("NVIDIA GeForce RTX 4090", input.get("gpuTypeId").asText());
        assertEquals(1, input.get("gpuCount").asInt());
        assertEquals(40, input.get("containerDiskInGb").asInt());
        assertEquals("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime", input.get("imageName").asText());
        assertEquals("snapgpu-race-1", input.get("name").asText());
        assertEquals("22/tcp", input.get("ports").asText());
        assertTrue(input.get("startSsh").asBoolean());
        assertEquals("SNAPGPU_WORKSPACE", input.at("/env/0/key").asText());
        assertEquals("1", input.at("/env/0/value").asText());
        assertEquals("PUBLIC_KEY", input.at("/env/1/key").asText());
        assertEquals(SSH_KEY, input.at("/env/1/value").asText());
        assertFalse(sent.json().get("query").asText().contains("pytorch"), "values travel as variables");
        String start = input.get("dockerArgs").asText();
        assertTrue(start.contains("apt-get install -y -qq openssh-server") && start.contains("/usr/sbin/sshd")
                && start.contains("\"$PUBLIC_KEY\" >> /root/.ssh/authorized_keys") && start.contains("sleep infinity"),
                "a plain image gets sshd from its start command: " + start);
        assertFalse(start.contains("AAAAC3Nza"), "the key reaches the shell through the environment only");
    }

    @Test
    void runPodsOwnImagesStartSshdThemselves() {
        api.stub(DEPLOY, Reply.ok("{\"data\": {\"podFindAndDeployOnDemand\": {\"id\": \"pod-rp\"}}}"));
        LaunchSpec runpodImage = new LaunchSpec("runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04", 40,
                "snapgpu-race-20", Map.of(), SSH_KEY);

        await(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), runpodImage));

        JsonNode input = api.requests().get(0).json().at("/variables/input");
        assertFalse(input.has("dockerArgs"), "the image's own start script runs sshd with PUBLIC_KEY");
        assertEquals("PUBLIC_KEY", input.at("/env/0/key").asText());
        assertEquals(SSH_KEY, input.at("/env/0/value").asText());
        assertEquals("22/tcp", input.get("ports").asText());
        assertTrue(input.get("startSsh").asBoolean());
    }

    @Test
    void aKeyThatIsNotOneKeyLineIsRefusedBeforeAnythingIsDeployed() {
        LaunchSpec injected = new LaunchSpec("img", 40, "snapgpu-race-21", Map.of(), SSH_KEY + "\"; rm -rf / #");

        ProviderException e = failure(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), injected));

        assertEquals(Kind.BAD_REQUEST, e.kind());
        assertFalse(e.getMessage().contains("rm -rf"), "the refused key is not quoted back");
        assertEquals(0, api.requests().size());
    }

    @Test
    void searchAndFindOfferUseOurGpuNames() {
        api.stub(GPU_TYPES, Reply.ok("""
                {"data": {"gpuTypes": [
                  {"id": "NVIDIA A100-SXM4-80GB", "displayName": "A100 SXM", "memoryInGb": 80, "maxGpuCount": 8,
                   "securePrice": 1.89, "communityPrice": 1.19},
                  {"id": "NVIDIA H100 80GB HBM3", "displayName": "H100 SXM", "memoryInGb": 80, "maxGpuCount": 8,
                   "securePrice": 2.99, "communityPrice": 2.69},
                  {"id": "NVIDIA Future GPU", "displayName": "Future", "memoryInGb": 200, "maxGpuCount": 8,
                   "securePrice": 9.99, "communityPrice": null}]}}"""));
        OfferQuery a100 = new OfferQuery(Set.of(), Set.of("A100 80GB"), null, null, null, null, null, null, null, null,
                null, 10);

        List<Offer> offers = await(runpod.searchOffers(a100));
        Offer found = await(runpod.findOffer("NVIDIA H100 80GB HBM3:COMMUNITY")).orElseThrow();

        assertEquals(List.of("NVIDIA A100-SXM4-80GB:COMMUNITY", "NVIDIA A100-SXM4-80GB:SECURE"),
                offers.stream().map(Offer::offerId).toList());
        assertTrue(offers.stream().allMatch(o -> o.gpuModel().equals("A100 80GB")), offers.toString());
        assertEquals("H100 80GB", found.gpuModel());
        assertEquals(new BigDecimal("2.69"), found.pricePerHour());
        assertEquals("Future", await(runpod.findOffer("NVIDIA Future GPU:SECURE")).orElseThrow().gpuModel(),
                "a type the catalogue does not know keeps RunPod's name");
        assertTrue(await(runpod.findOffer("NVIDIA Future GPU:COMMUNITY")).isEmpty(), "no community price");
    }

    @Test
    void createWithoutAMachineFreeIsOfferUnavailable() {
        api.stub(DEPLOY, Reply.ok("""
                {"errors": [{"message": "There are no longer any instances available with the requested specifications. Please refresh and try again.",
                  "extensions": {"code": "INTERNAL_SERVER_ERROR"}}], "data": {"podFindAndDeployOnDemand": null}}"""));

        ProviderException e = failure(runpod.create(offer("NVIDIA GeForce RTX 4090:COMMUNITY"), spec("snapgpu-race-2")));

        assertEquals(Kind.OFFER_UNAVAILABLE, e.kind());
        assertNull(e.createdInstanceId());
        assertEquals(1, api.requests().size());
    }

    @Test
    void createThatFailedYetNamesAPodCarriesItsId() {
        api.stub(DEPLOY, Reply.ok("""
                {"errors": [{"message": "Something went wrong while starting the container"}],
                 "data": {"podFindAndDeployOnDemand": {"id": "pod-half", "desiredStatus": "EXITED"}}}"""));

        ProviderException e = failure(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), spec("snapgpu-race-3")));

        assertEquals("pod-half", e.createdInstanceId());
        assertEquals(1, api.requests().size(), "not retried, no lookup needed");
    }

    @Test
    void createThatTimesOutIsNotRepeatedAndThePodIsFoundByName() {
        api.stub(DEPLOY, Reply.ok("{\"data\": {\"podFindAndDeployOnDemand\": {\"id\": \"pod-late\"}}}").delayed(2000));
        api.stub(MY_PODS, Reply.ok(pods()));

        ProviderException e = failure(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), spec("snapgpu-race-4")));

        assertEquals("pod-4", e.createdInstanceId());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(1, api.requests(DEPLOY).size(), "a deploy is never repeated after a timeout");
    }

    @Test
    void statusFollowsThePodFromProvisioningToRunning() {
        api.stub(POD,
                Reply.ok(pod("RUNNING", null, "null")),
                Reply.ok(pod("RUNNING", "\"pod-abc123-64410c4f\"", "null")),
                Reply.ok(pod("RUNNING", "\"pod-abc123-64410c4f\"", "{\"uptimeInSeconds\": 3, \"ports\": []}")),
                Reply.ok(pod("RUNNING", "\"pod-abc123-64410c4f\"", """
                        {"uptimeInSeconds": 12, "ports": [
                          {"ip": "10.0.0.7", "isIpPublic": false, "privatePort": 22, "publicPort": 22, "type": "tcp"},
                          {"ip": "127.0.0.1", "isIpPublic": true, "privatePort": 8888, "publicPort": 40888, "type": "http"},
                          {"ip": "127.0.0.1", "isIpPublic": true, "privatePort": 22, "publicPort": 40022, "type": "tcp"}]}""")));

        ProviderInstance provisioning = await(runpod.status("pod-abc123"));
        ProviderInstance loading = await(runpod.status("pod-abc123"));
        ProviderInstance noSshYet = await(runpod.status("pod-abc123"));
        ProviderInstance running = await(runpod.status("pod-abc123"));

        assertEquals(State.PROVISIONING, provisioning.state());
        assertEquals(State.LOADING, loading.state());
        assertEquals(State.RUNNING, noSshYet.state());
        assertNull(noSshYet.sshHost());
        assertTrue(noSshYet.statusMessage().contains("no public SSH port"), noSshYet.statusMessage());
        assertEquals(State.RUNNING, running.state());
        assertEquals("127.0.0.1", running.sshHost());
        assertEquals(40022, running.sshPort());
        assertEquals("pod-abc123-64410c4f", running.hostId());
        assertEquals("snapgpu-race-1", running.label());
        assertEquals(new BigDecimal("0.69"), running.pricePerHour());
        assertEquals("pod-abc123", api.requests().get(0).json().at("/variables/input/podId").asText());
    }

    @Test
    void statusOfAPodRunPodNoLongerHasIsGone() {
        api.stub(bodyContains("\"gone-1\""), Reply.ok("{\"data\": {\"pod\": null}}"));
        api.stub(bodyContains("\"gone-2\""), Reply.ok("{\"errors\": [{\"message\": \"Pod not found\"}], \"data\": {\"pod\": null}}"));
        api.stub(bodyContains("\"gone-3\""), Reply.ok(pod("TERMINATED", null, "null")));
        api.stub(bodyContains("\"exited\""), Reply.ok(pod("EXITED", "\"h\"", "null")));

        assertEquals(ProviderInstance.gone("runpod", "gone-1"), await(runpod.status("gone-1")));
        assertEquals(State.GONE, await(runpod.status("gone-2")).state());
        assertEquals(State.GONE, await(runpod.status("gone-3")).state());
        // SnapGPU never stops pods: an exited one will not run, so its watch fails and it is destroyed
        ProviderInstance exited = await(runpod.status("exited"));
        assertEquals(State.FAILED, exited.state());
        assertEquals("EXITED", exited.statusMessage());
    }

    @Test
    void destroySucceedsAlsoWhenThePodIsAlreadyGone() {
        api.stub(bodyContains("\"pod-1\""), Reply.ok("{\"data\": {\"podTerminate\": null}}"));
        api.stub(bodyContains("\"pod-2\""), Reply.ok("{\"errors\": [{\"message\": \"pod not found\"}], \"data\": null}"));

        await(runpod.destroy("pod-1"));
        await(runpod.destroy("pod-2"));

        assertEquals(2, api.requests(TERMINATE).size());
        assertEquals("pod-1", api.requests().get(0).json().at("/variables/input/podId").asText());
    }

    @Test
    void listLabelledKeepsOurLivePodsByName() {
        api.stub(MY_PODS, Reply.ok(pods()));

        List<ProviderInstance> ours = await(runpod.listLabelled("snapgpu-"));

        assertEquals(List.of("pod-4", "pod-5"), ours.stream().map(ProviderInstance::id).toList());
        assertEquals(State.RUNNING, ours.get(1).state());
    }

    @Test
    void graphqlErrorsBecomeProviderExceptionsOfTheRightKind() {
        api.stub(POD, Reply.ok("{\"errors\": [{\"message\": \"Unauthorized request, please check your API key.\"}], \"data\": null}"));
        api.stub(GPU_TYPES, Reply.json(400, "{\"errors\": [{\"message\": \"Unknown argument foo\", \"extensions\": {\"code\": \"GRAPHQL_VALIDATION_FAILED\"}}]}"));
        api.stub(MY_PODS, Reply.ok("{\"errors\": [{\"message\": \"Something went wrong\", \"extensions\": {\"code\": \"INTERNAL_SERVER_ERROR\"}}], \"data\": {\"myself\": null}}"));

        ProviderException refused = failure(runpod.status("pod-1"));
        ProviderException invalid = failure(runpod.searchOffers(OfferQuery.any()));
        ProviderException broken = failure(runpod.listLabelled("snapgpu-"));

        assertEquals(Kind.UNAUTHORIZED, refused.kind());
        assertEquals(Kind.BAD_REQUEST, invalid.kind());
        assertTrue(invalid.getMessage().contains("Unknown argument foo"), invalid.getMessage());
        assertEquals(Kind.BACKEND, broken.kind());
        assertEquals(1, api.requests(POD).size());
        assertEquals(1, api.requests(GPU_TYPES).size());
        assertEquals(3, api.requests(MY_PODS).size(), "a backend error is retried");
    }

    @Test
    void rateLimitIsRetriedAfterTheRetryAfterItAsked() {
        api.stub(MY_PODS, Reply.json(429, "{\"errors\": [{\"message\": \"Too many requests\"}]}").withHeader("Retry-After", "1"),
                Reply.ok(pods()));

        assertEquals(2, await(runpod.listLabelled("snapgpu-")).size());

        List<Recorded> calls = api.requests();
        assertEquals(2, calls.size());
        long waited = millisBetween(calls.get(0), calls.get(1));
        // waited no less than the capped back-off (a loaded machine only waits longer); the cap itself: RetryBackoffTest
        assertTrue(waited >= 380, "waited " + waited + " ms");
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() {
        api.stub(POD, Reply.json(500, "oops"), Reply.json(504, "gateway timeout"), Reply.ok(pod("RUNNING", "\"h\"", "null")));

        assertEquals(State.LOADING, await(runpod.status("pod-abc123")).state());

        List<Recorded> calls = api.requests();
        assertEquals(3, calls.size());
        assertTrue(millisBetween(calls.get(0), calls.get(1)) >= 55);
        assertTrue(millisBetween(calls.get(1), calls.get(2)) >= 110);
    }

    @Test
    void persistentServerErrorsFailAsBackendAndOpenTheCircuit() {
        api.stub(r -> true, Reply.json(502, "bad gateway"));

        ProviderException first = failure(runpod.status("pod-1"));
        assertEquals(Kind.BACKEND, first.kind());
        assertEquals(3, api.requests().size());

        failure(runpod.destroy("pod-1"));
        assertEquals(4, api.requests().size(), "one circuit for every call of the provider");

        ProviderException third = failure(runpod.searchOffers(OfferQuery.any()));
        assertEquals(Kind.BACKEND, third.kind());
        assertTrue(third.getMessage().contains("circuit open"), third.getMessage());
        assertEquals(4, api.requests().size());
    }

    @Test
    void slowAnswersTimeOutAndAreRetriedABoundedNumberOfTimes() {
        api.stub(POD, Reply.ok(pod("RUNNING", null, "null")).delayed(2000));

        ProviderException e = failure(runpod.status("pod-1"));

        assertEquals(Kind.BACKEND, e.kind());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(3, api.requests().size());
    }

    @Test
    void refusedKeyIsUnauthorizedAndNotRetried() {
        api.stub(r -> true, Reply.json(401, "{\"error\": \"Unauthorized\"}"));

        ProviderException e = failure(runpod.listLabelled("snapgpu-"));

        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(1, api.requests().size());
    }

    @Test
    void theApiKeyAppearsInNoMessageUrlOrLogLine() {
        api.stub(POD, Reply.ok("{\"errors\": [{\"message\": \"key " + KEY + " lacks scope\"}], \"data\": null}"));
        api.stub(TERMINATE, Reply.json(503, "Bearer " + KEY));
        api.stub(DEPLOY, Reply.json(500, "{\"errors\": [{\"message\": \"" + KEY + "\"}]}"));
        api.stub(MY_PODS, Reply.ok("{\"data\": {\"myself\": {\"pods\": []}}, \"note\": \"" + KEY + "\"}"));

        try (LogCapture logs = new LogCapture()) {
            List<ProviderException> failures = List.of(failure(runpod.status("pod-1")), failure(runpod.destroy("pod-1")),
                    failure(runpod.create(offer("NVIDIA GeForce RTX 4090:SECURE"), spec("snapgpu-race-9"))));

            failures.forEach(e -> assertNoSecret(e, KEY));
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("retrying")), "retries were logged: " + logs.lines());
            logs.lines().forEach(line -> assertFalse(line.contains(KEY), "API key logged: " + line));
        }
        api.requests().forEach(r -> assertFalse(r.uri().toString().contains(KEY)));
        api.requests().forEach(r -> assertFalse(r.body().contains(KEY), "the key only travels in the header"));
    }

    private static Offer offer(String id) {
        return new Offer("runpod", id, id, null, "RTX 4090", 1, 24576, null, null, null, new BigDecimal("0.69"),
                null, null, null, null, null, true);
    }

    private static LaunchSpec spec(String label) {
        return new LaunchSpec("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime", 40, label,
                Map.of("SNAPGPU_WORKSPACE", "1", "PUBLIC_KEY", "must-not-win"), SSH_KEY);
    }

    private static String pod(String desiredStatus, String podHostId, String runtime) {
        return """
                {"data": {"pod": {"id": "pod-abc123", "name": "snapgpu-race-1", "desiredStatus": "%s",
                  "lastStatusChange": "Rented by User: Fri Nov 20 2026", "costPerHr": 0.69, "machineId": %s,
                  "machine": %s, "runtime": %s}}}"""
                .formatted(desiredStatus, podHostId == null ? "null" : "\"m-1\"",
                        podHostId == null ? "null" : "{\"podHostId\": " + podHostId + ", \"gpuDisplayName\": \"RTX 4090\"}",
                        runtime);
    }

    private static String pods() {
        return """
                {"data": {"myself": {"pods": [
                  {"id": "pod-1", "name": "someone-else", "desiredStatus": "RUNNING", "runtime": null},
                  {"id": "pod-3", "name": "snapgpu-old", "desiredStatus": "TERMINATED", "runtime": null},
                  {"id": "pod-4", "name": "snapgpu-race-4", "desiredStatus": "RUNNING", "machine": {"podHostId": "x"}, "runtime": null},
                  {"id": "pod-5", "name": "snapgpu-race-5", "desiredStatus": "RUNNING", "machine": {"podHostId": "y"},
                   "runtime": {"uptimeInSeconds": 40, "ports": []}},
                  {"id": "pod-6", "name": null, "desiredStatus": "RUNNING"}]}}}""";
    }
}

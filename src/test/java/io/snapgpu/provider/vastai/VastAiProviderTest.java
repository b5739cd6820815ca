package io.snapgpu.provider.vastai;

import static io.snapgpu.provider.http.MockApiServer.route;
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
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vast.ai adapter against a local server answering in vast's shapes. */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
class VastAiProviderTest {
    private static final String KEY = ProviderTestProfile.VAST_KEY;
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ0ZXN0a2V5 snapgpu";

    @Inject
    VastAiProvider vast;

    @Inject
    VastAiConfig config;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    Vertx vertx;

    MockApiServer api;

    @BeforeEach
    void freshServerAndCircuit() {
        api = MockApiServer.on(URI.create(config.baseUrl()).getPort());
        api.reset();
        vast.name(); // creates the bean, and with it the named circuit breaker
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("vastai"));
    }

    @Test
    void enabledByItsApiKey() {
        assertEquals("vastai", vast.name());
        assertTrue(vast.enabled());
    }

    @Test
    void searchTranslatesTheQueryAndParsesOffers() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("""
                {"offers": [
                  {"id": 1001, "ask_contract_id": 1001, "machine_id": 55, "host_id": 7, "gpu_name": "RTX 4090",
                   "num_gpus": 2, "gpu_ram": 24564, "cpu_cores_effective": 16.0, "cpu_ram": 64300,
                   "disk_space": 120.5, "dph_total": 0.712345, "reliability2": 0.993, "reliability": 0.5,
                   "inet_down": 880.2, "inet_up": 410.0, "geolocation": "Texas, US", "cuda_max_good": 12.4,
                   "verified": true, "rentable": true, "rented": false, "some_new_field": {"x": 1}},
                  {"id": "1002", "machine_id": "56", "host_id": "8", "gpu_name": "RTX 3090", "num_gpus": "2",
                   "gpu_ram": "24576", "dph_total": "0.45", "reliability": 0.97, "verification": "verified",
                   "geolocation": null},
                  {"machine_id": 57, "gpu_name": "RTX 3090", "dph_total": 0.1},
                  {"id": 1004, "gpu_name": "RTX 3090"}
                ]}"""));
        OfferQuery query = new OfferQuery(Set.of("vastai"), Set.of("RTX 4090", "RTX 3090"), 2, 24000,
                new BigDecimal("1.50"), "US", 0.98, 500.0, 12.1, null, 50.0, 20);

        List<Offer> offers = await(vast.searchOffers(query));

        Recorded sent = api.requests().get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        assertFalse(sent.uri().toString().contains(KEY));
        JsonNode q = sent.json();
        assertEquals("RTX 3090", q.at("/gpu_name/in/0").asText());
        assertEquals("RTX 4090", q.at("/gpu_name/in/1").asText());
        assertEquals(2, q.at("/num_gpus/gte").asInt());
        assertEquals(24000, q.at("/gpu_ram/gte").asInt());
        assertEquals(0, new BigDecimal("1.50").compareTo(q.at("/dph_total/lte").decimalValue()));
        assertEquals(0.98, q.at("/reliability2/gte").asDouble());
        assertEquals(500.0, q.at("/inet_down/gte").asDouble());
        assertEquals(12.1, q.at("/cuda_max_good/gte").asDouble());
        assertEquals(50.0, q.at("/disk_space/gte").asDouble());
        assertEquals(50, q.get("allocated_storage").asInt(), "priced for the default disk, not vast's 5 GB");
        assertTrue(q.at("/verified/eq").asBoolean());
        assertTrue(q.at("/rentable/eq").asBoolean());
        assertFalse(q.at("/rented/eq").asBoolean());
        assertFalse(q.at("/external/eq").asBoolean());
        assertEquals("dph_total", q.at("/order/0/0").asText());
        assertEquals("asc", q.at("/order/0/1").asText());
        assertEquals("on-demand", q.get("type").asText());
        assertEquals(20, q.get("limit").asInt());

        assertEquals(2, offers.size(), "offers without id or price are skipped");
        Offer first = offers.get(0);
        assertEquals(new Offer("vastai", "1001", "7", "55", "RTX 4090", 2, 24564, 16.0, 64300, 120.5,
                new BigDecimal("0.712345"), "Texas, US", 0.993, 880.2, 410.0, 12.4, true), first);
        Offer second = offers.get(1);
        assertEquals("1002", second.offerId());
        assertEquals("8", second.hostId());
        assertEquals(2, second.gpuCount());
        assertEquals(24576, second.gpuRamMb());
        assertEquals(new BigDecimal("0.45"), second.pricePerHour());
        assertEquals(0.97, second.reliability());
        assertTrue(second.verified(), "verification == verified counts as verified");
        assertNull(second.region());
    }

    @Test
    void searchPricesAndFiltersTheDiskTheMachineWillGet() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("{\"offers\": []}"));

        await(vast.searchOffers(OfferQuery.any().withDiskGb(200)));
        await(vast.searchOffers(new OfferQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, null, 300.0,
                10).withDiskGb(120)));

        JsonNode asked200 = api.requests().get(0).json();
        assertEquals(200, asked200.get("allocated_storage").asInt());
        assertEquals(200.0, asked200.at("/disk_space/gte").asDouble());
        JsonNode atLeast300 = api.requests().get(1).json();
        assertEquals(120, atLeast300.get("allocated_storage").asInt());
        assertEquals(300.0, atLeast300.at("/disk_space/gte").asDouble(), "the person's own minimum is larger");
    }

    @Test
    void searchAsksForOurModelsUnderVastsNamesAndAnswersUnderOurs() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("""
                {"offers": [
                  {"id": 2001, "host_id": 1, "gpu_name": "A100 SXM4", "num_gpus": 1, "gpu_ram": 81920, "dph_total": 1.1},
                  {"id": 2002, "host_id": 2, "gpu_name": "A100 PCIE", "num_gpus": 1, "gpu_ram": 40960, "dph_total": 0.7},
                  {"id": 2003, "host_id": 3, "gpu_name": "H100 SXM", "num_gpus": 1, "gpu_ram": 81559, "dph_total": 2.2}]}"""));
        OfferQuery query = new OfferQuery(Set.of(), Set.of("A100 80GB"), null, null, null, null, null, null, null, null,
                null, 10);

        List<Offer> offers = await(vast.searchOffers(query));

        JsonNode q = api.requests().get(0).json();
        assertEquals("[\"A100 PCIE\",\"A100 SXM4\",\"A100X\"]", q.at("/gpu_name/in").toString());
        assertEquals(73728, q.at("/gpu_ram/gte").asInt(), "vast names A100s of 40 and 80 GB alike");
        assertEquals(List.of("A100 80GB", "A100 40GB", "H100 80GB"), offers.stream().map(Offer::gpuModel).toList());
        assertEquals(List.of("2001"), offers.stream().filter(query::matches).map(Offer::offerId).toList());
    }

    @Test
    void findOfferAsksVastForThatIdOnly() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("""
                {"offers": [{"id": 31337, "host_id": 9, "gpu_name": "RTX 4090", "num_gpus": 1, "gpu_ram": 24564,
                  "dph_total": 0.41, "verified": true}]}"""));
        api.stub(route("POST", "/api/v0/bundles/").and(MockApiServer.bodyContains("31338")), Reply.ok("{\"offers\": []}"));

        Offer found = await(vast.findOffer("31337")).orElseThrow();
        assertTrue(await(vast.findOffer("31338")).isEmpty());
        assertTrue(await(vast.findOffer("not-a-vast-id")).isEmpty());

        assertEquals("9", found.hostId());
        assertEquals("RTX 4090", found.gpuModel());
        assertEquals(2, api.requests().size(), "an id vast cannot have is not asked for");
        JsonNode q = api.requests().get(0).json();
        assertEquals(31337, q.at("/id/eq").asLong());
        assertTrue(q.at("/rentable/eq").asBoolean());
        assertFalse(q.at("/rented/eq").asBoolean());
        assertFalse(q.at("/external/eq").asBoolean());
        assertEquals(50, q.get("allocated_storage").asInt());
        assertFalse(q.has("order"), "one offer: nothing to order");
    }

    @Test
    void searchAllowsUnverifiedOnlyWhenAskedExplicitly() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("{\"offers\": []}"));
        OfferQuery anyHost = new OfferQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, false, null, 0);

        assertEquals(List.of(), await(vast.searchOffers(anyHost)));

        JsonNode q = api.requests().get(0).json();
        assertFalse(q.has("verified"));
        assertFalse(q.has("gpu_name"));
        assertEquals(100, q.get("limit").asInt());
    }

    @Test
    void createRentsTheOfferWithTheLaunchSpec() {
        api.stub(route("PUT", "/api/v0/asks/1001/"), Reply.ok("{\"success\": true, \"new_contract\": 7770001}"));

        ProviderInstance created = await(vast.create(offer("1001"), spec("snapgpu-race-1")));

        assertEquals("7770001", created.id());
        assertEquals(State.PROVISIONING, created.state());
        assertEquals("snapgpu-race-1", created.label());
        assertEquals("7", created.hostId(), "the offer's host, which boot statistics follow");
        Recorded sent = api.requests().get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        JsonNode body = sent.json();
        assertEquals("me", body.get("client_id").asText());
        assertEquals("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime", body.get("image").asText());
        assertEquals(40, body.get("disk").asInt());
        assertEquals("ssh", body.get("runtype").asText());
        assertEquals("snapgpu-race-1", body.get("label").asText());
        assertTrue(body.get("cancel_unavail").asBoolean());
        assertEquals("1", body.at("/env/SNAPGPU_WORKSPACE").asText());
        assertEquals(SSH_KEY, body.at("/env/SNAPGPU_SSH_PUBLIC_KEY").asText());
        String onstart = body.get("onstart").asText();
        assertTrue(onstart.contains("~/.ssh/authorized_keys") && onstart.contains("\"$SNAPGPU_SSH_PUBLIC_KEY\""), onstart);
        assertFalse(onstart.contains("AAAAC3Nza"), "the key travels in the environment, not spliced into shell");
        assertTrue(onstart.contains("touch ~/.no_auto_tmux"), "vast's tmux on login breaks non-interactive commands");

        List<Recorded> attach = api.requests(route("POST", "/api/v0/instances/7770001/ssh/"));
        assertEquals(1, attach.size(), "the key is attached through vast's API after the create");
        assertEquals(SSH_KEY, attach.get(0).json().get("ssh_key").asText());
        assertEquals("Bearer " + KEY, attach.get(0).header("Authorization"));
    }

    @Test
    void aFailedKeyAttachDoesNotFailTheCreateAndLogsNoKey() {
        api.stub(route("PUT", "/api/v0/asks/1001/"), Reply.ok("{\"success\": true, \"new_contract\": 7770002}"));
        api.stub(route("POST", "/api/v0/instances/7770002/ssh/"), Reply.json(500, "{\"error\": \"oops " + SSH_KEY + "\"}"));

        try (LogCapture logs = new LogCapture()) {
            ProviderInstance created = await(vast.create(offer("1001"), spec("snapgpu-race-11")));

            assertEquals("7770002", created.id());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("did not attach the SSH key")), logs.lines().toString());
            logs.lines().forEach(line -> assertFalse(line.contains("AAAAC3Nza"), "SSH key logged: " + line));
        }
        assertEquals(1, api.requests(route("POST", "/api/v0/instances/7770002/ssh/")).size(), "one attempt only");
    }

    @Test
    void aKeyThatIsNotOneKeyLineIsRefusedBeforeAnythingIsRented() {
        LaunchSpec twoLines = new LaunchSpec("img", 40, "snapgpu-race-12", Map.of(), SSH_KEY + "\ntouch /tmp/x");
        LaunchSpec withQuote = new LaunchSpec("img", 40, "snapgpu-race-13", Map.of(), SSH_KEY + "'$(id)");

        assertEquals(Kind.BAD_REQUEST, failure(vast.create(offer("1001"), twoLines)).kind());
        assertEquals(Kind.BAD_REQUEST, failure(vast.create(offer("1001"), withQuote)).kind());
        assertEquals(0, api.requests().size());
    }

    @Test
    void statusFollowsTheInstanceFromProvisioningToRunning() {
        api.stub(route("GET", "/api/v0/instances/7770001/"),
                Reply.ok(instance("null", null, null)),
                Reply.ok(instance("\"loading\"", null, null)),
                Reply.ok(instance("\"running\"", "127.0.0.1", 40022)));

        ProviderInstance provisioning = await(vast.status("7770001"));
        ProviderInstance loading = await(vast.status("7770001"));
        ProviderInstance running = await(vast.status("7770001"));

        assertEquals(State.PROVISIONING, provisioning.state());
        assertEquals(State.LOADING, loading.state());
        assertEquals(State.RUNNING, running.state());
        assertEquals("127.0.0.1", running.sshHost());
        assertEquals(40022, running.sshPort());
        assertEquals("7", running.hostId());
        assertEquals("snapgpu-race-1", running.label());
        assertEquals(new BigDecimal("0.712"), running.pricePerHour());
        assertEquals("owner=me", api.requests().get(0).uri().getQuery());
    }

    @Test
    void statusMapsDeadStoppedAndVanishedInstances() {
        api.stub(route("GET", "/api/v0/instances/1/"), Reply.ok(instance("\"exited\"", null, null)));
        api.stub(route("GET", "/api/v0/instances/2/"), Reply.ok(instance("\"offline\"", null, null)));
        api.stub(route("GET", "/api/v0/instances/3/"), Reply.ok("{\"instances\": null}"));
        api.stub(route("GET", "/api/v0/instances/4/"), Reply.ok("{\"instances\": {}}"));
        api.stub(route("GET", "/api/v0/instances/5/"), Reply.ok(instance("\"unknown\"", null, null)));
        api.stub(route("GET", "/api/v0/instances/6/"), Reply.ok(instance("\"stopped\"", null, null)));
        api.stub(route("GET", "/api/v0/instances/7/"), Reply.ok(instance("\"hibernating\"", null, null)));

        // these never reach running: the readiness watch fails at once and the race destroys the machine
        assertEquals(State.FAILED, await(vast.status("1")).state());
        assertEquals(State.FAILED, await(vast.status("2")).state());
        assertEquals(State.FAILED, await(vast.status("5")).state());
        assertEquals(State.STOPPED, await(vast.status("6")).state());
        assertEquals(State.UNKNOWN, await(vast.status("7")).state(), "a status vast adds later is not taken for dead");
        assertEquals(ProviderInstance.gone("vastai", "3"), await(vast.status("3")));
        assertEquals(State.GONE, await(vast.status("4")).state());
    }

    @Test
    void destroySucceedsAlsoWhenTheInstanceIsAlreadyGone() {
        api.stub(route("DELETE", "/api/v0/instances/7770001/"), Reply.ok("{\"success\": true}"));
        api.stub(route("DELETE", "/api/v0/instances/7770002/"),
                Reply.json(404, "{\"success\": false, \"error\": \"no_such_instance\", \"msg\": \"Instance not found\"}"));
        api.stub(route("DELETE", "/api/v0/instances/7770003/"),
                Reply.ok("{\"success\": false, \"error\": \"no_such_instance\"}"));

        await(vast.destroy("7770001"));
        await(vast.destroy("7770002"));
        await(vast.destroy("7770003"));

        assertEquals(3, api.requests(r -> r.method().equals("DELETE")).size(), "no retries for success answers");
    }

    @Test
    void destroyThatVastRefusesFails() {
        api.stub(route("DELETE", "/api/v0/instances/9/"), Reply.ok("{\"success\": false, \"error\": \"busy\"}"));

        ProviderException e = failure(vast.destroy("9"));

        assertEquals(Kind.BACKEND, e.kind());
        assertTrue(e.getMessage().contains("busy"), e.getMessage());
    }

    @Test
    void listLabelledUsesTheV1ListAndSendsNextTokenBackAsAfterToken() {
        api.stub(r -> r.path().equals("/api/v1/instances/") && r.uri().getQuery() == null, Reply.ok("""
                {"success": true, "next_token": "tok/en=1", "instances": [
                  {"id": 11, "label": "snapgpu-a", "actual_status": "running", "host_id": 7},
                  {"id": 12, "label": "someone-else", "actual_status": "running"},
                  {"id": 13, "label": null, "actual_status": "running"}]}"""));
        api.stub(r -> r.path().equals("/api/v1/instances/") && "after_token=tok/en=1".equals(r.uri().getQuery()),
                Reply.ok("""
                        {"success": true, "next_token": null, "instances": [
                          {"id": 14, "label": "snapgpu-b", "actual_status": null}]}"""));

        List<ProviderInstance> ours = await(vast.listLabelled("snapgpu-"));

        assertEquals(List.of("11", "14"), ours.stream().map(ProviderInstance::id).toList());
        assertEquals(State.RUNNING, ours.get(0).state());
        assertEquals(State.PROVISIONING, ours.get(1).state());
        assertEquals(2, api.requests().size());
        assertTrue(api.requests().stream().allMatch(r -> r.path().equals("/api/v1/instances/")), "never the v0 list");
        assertEquals("after_token=tok%2Fen%3D1", api.requests().get(1).uri().getRawQuery());
    }

    @Test
    void listLabelledFindsAllSixtyMachinesOnVastsPagesOfTwentyFive() {
        // vast ignores a next_token parameter and answers page one again: a client sending it never got past it
        api.answer(route("GET", "/api/v1/instances/"), VastInstanceList.of(60, "snapgpu-m"));

        List<ProviderInstance> ours = await(vast.listLabelled("snapgpu-"));

        assertEquals(3, api.requests().size(), "pages of 25, 25 and 10");
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, 60).filter(n -> n % 4 != 0)
                .mapToObj(n -> String.valueOf(900_000 + n)).toList();
        assertEquals(expected, ours.stream().map(ProviderInstance::id).toList());
        assertEquals("snapgpu-m59", ours.get(ours.size() - 1).label());
        assertEquals(20_059, ours.get(ours.size() - 1).sshPort());
    }

    @Test
    void reconcilingAnUnclearCreateFindsAMachineBeyondTheFirstPage() {
        api.stub(route("PUT", "/api/v0/asks/1001/"), Reply.ok("{\"success\": true, \"new_contract\": 1}").delayed(2000));
        api.answer(route("GET", "/api/v1/instances/"), VastInstanceList.of(60, "snapgpu-race-x"));

        ProviderException e = failure(vast.create(offer("1001"), spec("snapgpu-race-x58")));

        assertEquals("900058", e.createdInstanceId(), "found on page three, so it is destroyed, not billed on");
    }

    @Test
    void listWithoutAnInstanceListFailsInsteadOfLookingEmpty() {
        api.stub(route("GET", "/api/v1/instances/"), Reply.ok("{\"success\": false, \"error\": \"deprecated_endpoint\"}"));

        ProviderException e = failure(vast.listLabelled("snapgpu-"));

        assertEquals(Kind.BACKEND, e.kind());
        assertTrue(e.getMessage().contains("deprecated_endpoint"), e.getMessage());
    }

    @Test
    void rateLimitIsRetriedAfterTheRetryAfterItAsked() {
        api.stub(route("GET", "/api/v0/instances/5/"),
                Reply.json(429, "{\"error\": \"rate limited\"}").withHeader("Retry-After", "1"),
                Reply.ok(instance("\"running\"", "127.0.0.1", 22)));

        assertEquals(State.RUNNING, await(vast.status("5")).state());

        List<Recorded> calls = api.requests();
        assertEquals(2, calls.size());
        // Retry-After: 1 s, capped at the profile's 400 ms maximum back-off (the exponential start is 60 ms)
        long waited = millisBetween(calls.get(0), calls.get(1));
        // waited no less than the capped back-off (a loaded machine only waits longer); the cap itself: RetryBackoffTest
        assertTrue(waited >= 380, "waited " + waited + " ms");
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() {
        api.stub(route("POST", "/api/v0/bundles/"),
                Reply.json(502, "<html>bad gateway</html>"),
                Reply.json(503, "{\"error\": \"unavailable\"}"),
                Reply.ok("{\"offers\": [{\"id\": 1, \"dph_total\": 0.3, \"gpu_name\": \"A100\"}]}"));

        assertEquals(1, await(vast.searchOffers(OfferQuery.any())).size());

        List<Recorded> calls = api.requests();
        assertEquals(3, calls.size());
        assertTrue(millisBetween(calls.get(0), calls.get(1)) >= 55, "first back-off ~60 ms");
        assertTrue(millisBetween(calls.get(1), calls.get(2)) >= 110, "second back-off ~120 ms");
    }

    @Test
    void resultsArriveBackOnTheCallersVertxContext() throws Exception {
        // the HTTP client and the retry timer run on their own threads; Panache callers need their context back
        api.stub(route("GET", "/api/v0/instances/5/"), Reply.json(503, "busy"), Reply.ok(instance("\"running\"", null, null)));
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Boolean> onCallersContext = new CompletableFuture<>();

        caller.runOnContext(ignored -> vast.status("5").subscribe().with(
                instance -> onCallersContext.complete(Vertx.currentContext() == caller),
                onCallersContext::completeExceptionally));

        assertTrue(onCallersContext.get(10, TimeUnit.SECONDS));
        assertEquals(2, api.requests().size());
    }

    @Test
    void persistentServerErrorsFailAsBackendAndOpenTheCircuit() {
        api.stub(route("GET", "/api/v0/instances/"), Reply.json(503, "{\"error\": \"maintenance\"}"));

        ProviderException first = failure(vast.status("6"));
        assertEquals(Kind.BACKEND, first.kind());
        assertTrue(first.getMessage().contains("HTTP 503"), first.getMessage());
        assertEquals(3, api.requests().size(), "one attempt and two retries");

        ProviderException second = failure(vast.status("6"));
        assertEquals(Kind.BACKEND, second.kind());
        assertEquals(4, api.requests().size(), "the fourth failure in the window opens the circuit");

        ProviderException third = failure(vast.status("6"));
        assertTrue(third.getMessage().contains("circuit open"), third.getMessage());
        assertEquals(4, api.requests().size(), "an open circuit sends nothing");
    }

    @Test
    void slowAnswersTimeOutAndAreRetriedABoundedNumberOfTimes() {
        api.stub(route("GET", "/api/v0/instances/8/"), Reply.ok(instance("\"running\"", null, null)).delayed(2000));
        long start = System.nanoTime();

        ProviderException e = failure(vast.status("8"));

        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Kind.BACKEND, e.kind());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(3, api.requests().size());
        assertTrue(took >= 1500, "3 x 500 ms timeouts (three requests, each timed out), took " + took + " ms");
    }

    @Test
    void createThatTimesOutIsNotRepeatedAndTheMachineIsFoundByLabel() {
        api.stub(route("PUT", "/api/v0/asks/1001/"), Reply.ok("{\"success\": true, \"new_contract\": 42}").delayed(2000));
        api.stub(route("GET", "/api/v1/instances/"), Reply.ok("""
                {"instances": [{"id": 42, "label": "snapgpu-race-2", "actual_status": null},
                               {"id": 43, "label": "snapgpu-race-20", "actual_status": null}]}"""));

        ProviderException e = failure(vast.create(offer("1001"), spec("snapgpu-race-2")));

        assertEquals("42", e.createdInstanceId(), "the caller must destroy what the timed-out create rented");
        assertEquals(Kind.BACKEND, e.kind());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(1, api.requests(route("PUT", "/api/v0/asks/")).size(), "a create is never repeated after a timeout");
    }

    @Test
    void createThatTimesOutWithNoMachineFoundSaysSo() {
        api.stub(route("PUT", "/api/v0/asks/1001/"), Reply.ok("{}").delayed(2000));
        api.stub(route("GET", "/api/v1/instances/"), Reply.ok("{\"instances\": []}"));

        ProviderException e = failure(vast.create(offer("1001"), spec("snapgpu-race-3")));

        assertNull(e.createdInstanceId());
        assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
        assertEquals(1, api.requests(route("PUT", "/api/v0/asks/")).size());
    }

    @Test
    void failedCreateThatStillNamesAContractCarriesItsId() {
        api.stub(route("PUT", "/api/v0/asks/1001/"),
                Reply.ok("{\"success\": false, \"new_contract\": 4242, \"error\": \"docker_pull_failed\"}"));
        api.stub(route("PUT", "/api/v0/asks/1002/"),
                Reply.json(500, "{\"success\": false, \"new_contract\": 4343, \"msg\": \"internal error\"}"));

        ProviderException answered = failure(vast.create(offer("1001"), spec("snapgpu-race-4")));
        ProviderException serverError = failure(vast.create(offer("1002"), spec("snapgpu-race-5")));

        assertEquals("4242", answered.createdInstanceId());
        assertTrue(answered.getMessage().contains("docker_pull_failed"), answered.getMessage());
        assertEquals("4343", serverError.createdInstanceId());
        assertEquals(Kind.BACKEND, serverError.kind());
        assertEquals(2, api.requests().size(), "neither is retried, and no lookup is needed");
    }

    @Test
    void unavailableOfferIsReportedAsSuch() {
        api.stub(route("PUT", "/api/v0/asks/1001/"),
                Reply.json(400, "{\"success\": false, \"error\": \"no_such_ask\", \"msg\": \"Instance type no longer available\"}"));

        ProviderException e = failure(vast.create(offer("1001"), spec("snapgpu-race-6")));

        assertEquals(Kind.OFFER_UNAVAILABLE, e.kind());
        assertNull(e.createdInstanceId());
        assertEquals(1, api.requests().size());
    }

    @Test
    void rateLimitedCreateIsRepeatedBecauseVastDidNothing() {
        api.stub(route("PUT", "/api/v0/asks/1001/"),
                Reply.json(429, "{\"error\": \"slow down\"}"),
                Reply.ok("{\"success\": true, \"new_contract\": 99}"));

        assertEquals("99", await(vast.create(offer("1001"), spec("snapgpu-race-7"))).id());
        assertEquals(2, api.requests(route("PUT", "/api/v0/asks/")).size());
    }

    @Test
    void refusedKeyIsUnauthorizedAndNotRetried() {
        api.stub(r -> true, Reply.json(401, "{\"error\": \"invalid key\"}"));

        ProviderException e = failure(vast.searchOffers(OfferQuery.any()));

        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertFalse(e.retryable());
        assertEquals(1, api.requests().size());
    }

    @Test
    void theApiKeyAppearsInNoMessageUrlOrLogLine() {
        // a hostile or buggy server echoing the Authorization header back in every answer
        api.stub(route("GET", "/api/v0/instances/1/"), Reply.json(401, "{\"error\": \"bad header: Bearer " + KEY + "\"}"));
        api.stub(route("GET", "/api/v0/instances/2/"), Reply.json(500, "{\"error\": \"cannot use " + KEY + "\"}"));
        api.stub(route("DELETE", "/api/v0/instances/3/"), Reply.json(400, "key " + KEY + " is not allowed here"));
        api.stub(route("PUT", "/api/v0/asks/"), Reply.json(502, "upstream saw Bearer " + KEY));
        api.stub(route("GET", "/api/v1/instances/"), Reply.ok("{\"msg\": \"" + KEY + "\"}"));

        try (LogCapture logs = new LogCapture()) {
            List<ProviderException> failures = List.of(failure(vast.status("1")), failure(vast.status("2")),
                    failure(vast.destroy("3")), failure(vast.create(offer("1001"), spec("snapgpu-race-8"))));

            failures.forEach(e -> assertNoSecret(e, KEY));
            assertTrue(failures.get(1).getMessage().contains("[redacted]"), failures.get(1).getMessage());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("retrying")), "retries were logged: " + logs.lines());
            logs.lines().forEach(line -> assertFalse(line.contains(KEY), "API key logged: " + line));
        }
        api.requests().forEach(r -> assertFalse(r.uri().toString().contains(KEY), r.uri().toString()));
        assertTrue(api.requests().stream().allMatch(r -> ("Bearer " + KEY).equals(r.header("Authorization"))));
    }

    private static Offer offer(String id) {
        return new Offer("vastai", id, "7", "55", "RTX 4090", 1, 24564, 16.0, 64300, 120.0, new BigDecimal("0.71"),
                "Texas, US", 0.99, 800.0, 400.0, 12.4, true);
    }

    private static LaunchSpec spec(String label) {
        return new LaunchSpec("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime", 40, label,
                Map.of("SNAPGPU_WORKSPACE", "1"), SSH_KEY);
    }

    private static String instance(String actualStatus, String sshHost, Integer sshPort) {
        return """
                {"instances": {"id": 7770001, "actual_status": %s, "intended_status": "running", "label": "snapgpu-race-1",
                  "host_id": 7, "machine_id": 55, "ssh_host": %s, "ssh_port": %s, "dph_total": 0.712,
                  "status_msg": "ok", "public_ipaddr": "203.0.113.9"}}"""
                .formatted(actualStatus, sshHost == null ? "null" : "\"" + sshHost + "\"", sshPort == null ? "null" : sshPort);
    }
}

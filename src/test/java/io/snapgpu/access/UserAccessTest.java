package io.snapgpu.access;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderTestProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.provider.local.OpenSshServer;
import io.snapgpu.provider.vastai.VastAiConfig;
import io.snapgpu.support.FakeMachine;
import io.snapgpu.support.FakeVastMarket;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The user's way into a machine (issue #17): their SSH keys are checked, stored and installed on
 * every machine of their tenant (and no other), Debian's OpenSSH client gets in with them (the host
 * key pinned from the connection details), and the browser terminal's WebSocket gives a shell with a
 * pty on the machine, for the tenant only.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
class UserAccessTest {
    static final Duration T = Duration.ofSeconds(60);
    static final Path SSH = Path.of("/usr/bin/ssh");

    @Inject
    LocalProvider local;
    @Inject
    VastAiConfig vastConfig;
    @Inject
    io.snapgpu.provider.vastai.VastAiProvider vast;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;
    @Inject
    TerminalSessions terminals;

    @TestHTTPResource("/")
    URI base;

    static String user(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return TestAuth.userKey(name, "tenant-" + name);
    }

    static Path keyPair(String comment) throws Exception {
        Path dir = Files.createTempDirectory("snapgpu-user-key");
        Path key = dir.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()));
        return key;
    }

    static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), argv + ": " + out);
        return out;
    }

    static JsonPath addKey(String apiKey, String name, String publicKey) {
        return TestAuth.bearer(apiKey).contentType(ContentType.JSON).body(Map.of("name", name, "public_key", publicKey))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().jsonPath();
    }

    // ---------------------------------------------------------------- keys

    @Test
    void badKeysAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String key = user("keys");
        Path pair = keyPair("alice@laptop");
        String privateKey = Files.readString(pair);
        String rsa1024 = Files.readString(rsaKey(1024));
        String good = Files.readString(pair.resolveSibling("id_ed25519.pub")).strip();
        for (String bad : List.of("", "not a key", privateKey, rsa1024,
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJunk", // truncated base64
                "command=\"rm -rf /\" " + good, // options are refused
                good + "\nssh-ed25519 AAAA", // two lines
                "ssh-rsa " + good.split(" ")[1], // an ed25519 key labelled rsa
                good + " evil\u0007comment")) {
            TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("public_key", bad)).post("/api/v1/ssh-keys")
                    .then().statusCode(400).body("field", equalTo("public_key"))
                    .body(org.hamcrest.Matchers.not(containsString("PRIVATE KEY")));
        }
        TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation($k: String!) { addSshKey(publicKey: $k) { key { id } } }",
                        Map.of("k", privateKey))).post("/graphql").then()
                .body("errors[0].message", containsString("private key"))
                .body("errors[0].message", org.hamcrest.Matchers.not(containsString("BEGIN")));
        TestAuth.bearer(key).get("/api/v1/ssh-keys").then().statusCode(200).body("size()", equalTo(0));

        // a good one: comment kept, fingerprint as ssh-keygen prints it; the same key twice is refused
        JsonPath added = addKey(key, "laptop", good);
        String fingerprint = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pair.resolveSibling("id_ed25519.pub")
                .toString())).split(" ")[1];
        assertEquals(fingerprint, added.getString("key.fingerprint"));
        assertEquals(good, added.getString("key.public_key"));
        assertEquals("ssh-ed25519", added.getString("key.key_type"));
        assertTrue(added.getString("key.public_key").endsWith(" alice@laptop"), "comment kept");
        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("public_key", good)).post("/api/v1/ssh-keys")
                .then().statusCode(400).body("field", equalTo("public_key")).body("detail", containsString("already"));
        // ecdsa and rsa >= 2048 are accepted
        for (List<String> t : List.of(List.of("ecdsa", "256"), List.of("rsa", "3072"))) {
            Path k = Files.createTempDirectory("snapgpu-key").resolve("k");
            run(List.of("ssh-keygen", "-q", "-t", t.get(0), "-b", t.get(1), "-N", "", "-f", k.toString()));
            JsonPath a = addKey(key, t.get(0), Files.readString(k.resolveSibling("k.pub")));
            assertEquals(Integer.parseInt(t.get(1)), a.getInt("key.bits"));
        }
        TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("{ sshKeys { name fingerprint } }", null))
                .post("/graphql").then().body("data.sshKeys.size()", equalTo(3))
                .body("data.sshKeys[0].fingerprint", equalTo(fingerprint));
        String id = added.getString("key.id");
        String other = user("keys-other");
        TestAuth.bearer(other).delete("/api/v1/ssh-keys/" + id).then().statusCode(404);
        TestAuth.bearer(key).delete("/api/v1/ssh-keys/" + id).then().statusCode(204);
        TestAuth.bearer(key).get("/api/v1/ssh-keys").then().body("size()", equalTo(2));
    }

    private static Path rsaKey(int bits) throws Exception {
        Path k = Files.createTempDirectory("snapgpu-key").resolve("rsa");
        run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", String.valueOf(bits), "-N", "", "-f", k.toString()));
        return k.resolveSibling("rsa.pub");
    }

    // ---------------------------------------------------------------- local machines

    @Test
    void theUsersKeyIsOnEveryMachineOfTheirTenantAndNoOtherAndOpenSshGetsIn() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH), "needs Debian's OpenSSH client at /usr/bin/ssh");
        String alice = user("alice");
        String bob = user("bob");
        Path aliceKey = keyPair("alice@laptop");
        addKey(alice, "laptop", Files.readString(aliceKey.resolveSibling("id_ed25519.pub")));
        Path bobKey = keyPair("bob@desk");
        addKey(bob, "desk", Files.readString(bobKey.resolveSibling("id_ed25519.pub")));

        List<LocalHost> hosts = freeHosts(2);
        String aliceMachine = createLocal(alice, hosts.get(0));
        String bobMachine = createLocal(bob, hosts.get(1));

        JsonPath a = TestAuth.bearer(alice).get("/api/v1/instances/" + aliceMachine).then().statusCode(200).extract().jsonPath();
        Path aliceWorkspace = local.workspaceOnDisk(a.getString("provider_instance_id")).orElseThrow();
        Files.writeString(aliceWorkspace.resolve("notes.txt"), "from the restore\n");
        Path aliceHome = aliceWorkspace.getParent();
        Path bobHome = local.workspaceOnDisk(TestAuth.bearer(bob).get("/api/v1/instances/" + bobMachine).then()
                .extract().path("provider_instance_id")).orElseThrow().getParent();
        String aliceLine = Files.readString(aliceKey.resolveSibling("id_ed25519.pub")).strip();
        String bobLine = Files.readString(bobKey.resolveSibling("id_ed25519.pub")).strip();
        String aliceAuthorized = Files.readString(aliceHome.resolve(".ssh/authorized_keys"));
        assertTrue(aliceAuthorized.contains(aliceLine), aliceAuthorized);
        assertFalse(aliceAuthorized.contains(bobLine.split(" ")[1]), "no other tenant's key");
        assertEquals(2, aliceAuthorized.lines().filter(l -> l.startsWith("ssh-") || l.startsWith("ecdsa-")).count(),
                "SnapGPU's key and alice's, once each: " + aliceAuthorized);
        assertFalse(Files.readString(bobHome.resolve(".ssh/authorized_keys")).contains(aliceLine.split(" ")[1]));

        // the connection details are what a person needs, and ssh gets in with them
        Map<String, Object> c = a.getMap("connection");
        assertNotNull(c, a.prettify());
        assertEquals("root", c.get("user"));
        assertEquals("127.0.0.1", c.get("host"));
        int port = (Integer) c.get("port");
        assertEquals("ssh -p " + port + " root@127.0.0.1", c.get("ssh_command"));
        String hostKey = (String) c.get("host_key");
        Path knownHosts = Files.createTempFile("snapgpu-known-hosts", "");
        Files.writeString(knownHosts, c.get("known_hosts_line") + "\n");
        Path hostKeyFile = Files.createTempFile("snapgpu-host-key", ".pub");
        Files.writeString(hostKeyFile, hostKey + "\n");
        assertEquals(run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", hostKeyFile.toString())).split(" ")[1],
                c.get("host_key_fingerprint"));
        String ls = ssh(aliceKey, knownHosts, c, "cd " + aliceWorkspace + " && ls && cat notes.txt");
        assertTrue(ls.contains("notes.txt") && ls.contains("from the restore"), ls);

        // bob's machine does not take alice's key
        Map<String, Object> bc = TestAuth.bearer(bob).get("/api/v1/instances/" + bobMachine).then().extract().path("connection");
        Path bobKnown = Files.createTempFile("snapgpu-known-hosts", "");
        Files.writeString(bobKnown, bc.get("known_hosts_line") + "\n");
        assertEquals(255, sshExit(aliceKey, bobKnown, bc, "true"), "alice's key is not on bob's machine");
        assertEquals(0, sshExit(bobKey, bobKnown, bc, "true"));
        // and a wrong host key is refused, not accepted on trust
        assertEquals(255, sshExit(aliceKey, bobKnown, c, "true"), "StrictHostKeyChecking with a pinned host key");

        // a key added later reaches alice's running machine (and only hers); removed, it stops working
        Path laterKey = keyPair("alice@tablet");
        JsonPath later = addKey(alice, "tablet", Files.readString(laterKey.resolveSibling("id_ed25519.pub")));
        assertEquals(List.of(aliceMachine), later.getList("machines.instance_id"));
        assertEquals(List.of(true), later.getList("machines.installed"));
        assertEquals(0, sshExit(laterKey, knownHosts, c, "true"));
        assertFalse(Files.readString(bobHome.resolve(".ssh/authorized_keys")).contains(
                Files.readString(laterKey.resolveSibling("id_ed25519.pub")).split(" ")[1]));
        TestAuth.bearer(alice).delete("/api/v1/ssh-keys/" + later.getString("key.id")).then().statusCode(204);
        assertEquals(255, sshExit(laterKey, knownHosts, c, "true"));
        assertEquals(0, sshExit(aliceKey, knownHosts, c, "true"), "the other keys stay");
        String after = Files.readString(aliceHome.resolve(".ssh/authorized_keys"));
        assertEquals(2, after.lines().filter(l -> l.startsWith("ssh-")).count(), after);

        // ---- the browser terminal's WebSocket, on the same machines
        URI ws = terminalUri(aliceMachine, 80, 24);
        assertEquals(401, handshakeStatus(ws, null), "no credentials, no terminal");
        assertEquals(401, handshakeStatus(ws, "sgk_not_a_key_000000000000000000000000"));
        assertEquals(404, handshakeStatus(terminalUri(bobMachine, 80, 24), alice), "another tenant's machine");
        assertEquals(404, handshakeStatus(terminalUri(UUID.randomUUID().toString(), 80, 24), alice));

        Term term = Term.open(ws, alice);
        term.await("ready", T);
        term.type("ls\r");
        term.await("notes.txt", T);
        term.type("printf 'caf\\303\\251 %s\\n' ok\r");
        term.await("café ok", T);
        term.resize(100, 30);
        term.type("stty size\r");
        term.await("30 100", T);
        term.close();
        term.awaitClosed(T);
        awaitNoLiveTerminal();
        JsonPath audit = TestAuth.bearer(alice).contentType(ContentType.JSON)
                .body(TestAuth.gql("{ terminalSessions { username instanceId startedAt endedAt durationSeconds endReason bytesIn } }", null))
                .post("/graphql").then().body("errors", nullValue()).extract().jsonPath();
        assertEquals(aliceMachine, audit.getString("data.terminalSessions[0].instanceId"));
        assertTrue(audit.getString("data.terminalSessions[0].username").startsWith("alice-"));
        assertNotNull(audit.getString("data.terminalSessions[0].endedAt"));
        assertEquals("closed by the browser", audit.getString("data.terminalSessions[0].endReason"));
        TestAuth.bearer(bob).contentType(ContentType.JSON).body(TestAuth.gql("{ terminalSessions { id } }", null))
                .post("/graphql").then().body("data.terminalSessions.size()", equalTo(0));

        // a terminal closes when its machine ends
        Term open = Term.open(ws, alice);
        open.await("ready", T);
        TestAuth.bearer(alice).delete("/api/v1/instances/" + aliceMachine).then().statusCode(200);
        open.awaitClosed(T);
        assertTrue(open.text().contains("the machine ended") || open.text().contains("the shell ended"), open.text());
        assertEquals(409, handshakeStatus(ws, alice), "no terminal on an ended machine");
        TestAuth.bearer(bob).delete("/api/v1/instances/" + bobMachine).then().statusCode(200);
    }

    private void awaitNoLiveTerminal() throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (terminals.liveCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // the audit row is written just after
    }

    private String createLocal(String key, LocalHost host) throws Exception {
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("provider", "local", "offer_id",
                "offer-" + host.hostId())).post("/api/v1/instances").then().statusCode(201).extract().path("id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        return id;
    }

    private List<LocalHost> freeHosts(int n) {
        var offered = local.searchOffers(io.snapgpu.offer.OfferQuery.any()).await().atMost(Duration.ofSeconds(5))
                .stream().map(o -> o.hostId()).toList();
        List<LocalHost> free = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream()
                .filter(h -> offered.contains(h.hostId()) && !"local-h033".equals(h.hostId())).toList();
        assertTrue(free.size() >= n);
        return free.subList(free.size() - n, free.size());
    }

    static List<String> sshArgv(Path key, Path knownHosts, Map<String, Object> c, String command) {
        return List.of(SSH.toString(), "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10", "-F", "/dev/null",
                "-p", String.valueOf(c.get("port")), c.get("user") + "@" + c.get("host"), command);
    }

    static String ssh(Path key, Path knownHosts, Map<String, Object> c, String command) throws Exception {
        return run(sshArgv(key, knownHosts, c, command));
    }

    static int sshExit(Path key, Path knownHosts, Map<String, Object> c, String command) throws Exception {
        Process p = new ProcessBuilder(sshArgv(key, knownHosts, c, command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    // ---------------------------------------------------------------- a vast-shaped machine

    @Test
    void onAVastShapedMachineTheUsersKeyAndTheTerminalWork() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH), "needs Debian's OpenSSH client at /usr/bin/ssh");
        Assumptions.assumeTrue(OpenSshServer.unavailable().isEmpty(), "vast-shaped machines are OpenSSH sshds (root)");
        vast.name();
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("vastai"));
        Map<String, Integer> offers = new TreeMap<>();
        offers.put("7100001", 951);
        MockApiServer api = MockApiServer.on(URI.create(vastConfig.baseUrl()).getPort());
        api.reset();
        try (FakeVastMarket market = new FakeVastMarket(api, Files.createTempDirectory("snapgpu-fake-vast"), offers, 200)) {
            String carol = user("carol");
            Path carolKey = keyPair("carol@laptop");
            addKey(carol, "laptop", Files.readString(carolKey.resolveSibling("id_ed25519.pub")));
            Map<String, Object> input = Map.of("filter", Map.of("providers", List.of("vastai")), "policy",
                    Map.of("waveSize", 1, "maxWaves", 1, "timeoutSeconds", 6000));
            JsonPath started = TestAuth.bearer(carol).contentType(ContentType.JSON).body(TestAuth.gql(
                    "mutation($in: LaunchRaceInput!) { startLaunchRace(input: $in) { id } }", Map.of("in", input)))
                    .post("/graphql").then().body("errors", nullValue()).extract().jsonPath();
            String race = started.getString("data.startLaunchRace.id");
            String winner = null;
            long deadline = System.nanoTime() + T.toNanos();
            while (winner == null && System.nanoTime() < deadline) {
                winner = TestAuth.bearer(carol).get("/api/v1/races/" + race).then().extract().path("winner_instance_id");
                Thread.sleep(100);
            }
            assertNotNull(winner, "the race on the vast-shaped market was won");
            JsonPath i = TestAuth.bearer(carol).get("/api/v1/instances/" + winner).then().statusCode(200).extract().jsonPath();
            FakeMachine machine = market.machine(i.getString("provider_instance_id"));
            Files.writeString(machine.workspace().resolve("train.py"), "print('on vast')\n");
            Map<String, Object> c = i.getMap("connection");
            assertEquals("root", c.get("user"));
            assertNotEquals(null, c.get("host_key_fingerprint"));
            List<Map<String, Object>> ports = i.getList("connection.ports");
            assertEquals(1, ports.size(), String.valueOf(ports));
            assertEquals(8080, ports.get(0).get("private_port"));
            assertEquals("127.0.0.1", ports.get(0).get("host"));
            Path knownHosts = Files.createTempFile("snapgpu-known-hosts", "");
            Files.writeString(knownHosts, c.get("known_hosts_line") + "\n");
            String out = ssh(carolKey, knownHosts, c, "cd /workspace && ls && python3 -c 'print(1+1)' 2>/dev/null || true");
            assertTrue(out.contains("train.py"), out);

            Term term = Term.open(terminalUri(winner, 80, 24), carol);
            term.await("ready", T);
            term.type("ls\r");
            term.await("train.py", T);
            term.resize(120, 40);
            term.type("stty size\r");
            term.await("40 120", T);
            term.close();
            term.awaitClosed(T);
            TestAuth.bearer(carol).delete("/api/v1/instances/" + winner).then().statusCode(200);
        }
    }

    // ---------------------------------------------------------------- a WebSocket client

    URI terminalUri(String instanceId, int cols, int rows) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/v1/instances/" + instanceId
                + "/terminal?cols=" + cols + "&rows=" + rows);
    }

    static int handshakeStatus(URI uri, String bearer) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            WebSocket ws = b.buildAsync(uri, new WebSocket.Listener() { }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** A terminal as a page holds it: bytes in, bytes and control messages out. */
    static final class Term implements WebSocket.Listener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StringBuilder control = new StringBuilder();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private WebSocket ws;

        static Term open(URI uri, String bearer) {
            Term t = new Term();
            t.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + bearer)
                    .buildAsync(uri, t).join();
            return t;
        }

        synchronized String text() {
            return control + bytes.toString(StandardCharsets.UTF_8);
        }

        void type(String s) {
            ws.sendBinary(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), true).join();
        }

        void resize(int cols, int rows) {
            ws.sendText("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}", true).join();
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        void await(String what, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (!text().contains(what) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(text().contains(what), "the terminal did not show '" + what + "': " + text());
        }

        void awaitClosed(Duration within) throws Exception {
            closed.get(within.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bytes.writeBytes(b);
            webSocket.request(1);
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            control.append(data).append('\n');
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}

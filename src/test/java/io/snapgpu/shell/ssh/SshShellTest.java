package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshShell against a real SSH server that runs what it receives through /bin/sh -c. */
class SshShellTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KeyPair key;
    private static SshShellFactory factory;

    private TestSshServer server;
    private SshShell shell;

    @BeforeAll
    static void startClient() {
        key = SshKeys.generate();
        factory = new SshShellFactory();
    }

    @AfterAll
    static void stopClient() {
        factory.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new TestSshServer(key.getPublic());
        shell = shellTo(server.port(), key);
    }

    @AfterEach
    void stopServer() throws IOException {
        shell.close();
        server.close();
    }

    private SshShell shellTo(int port, KeyPair keyPair) {
        return factory.create("127.0.0.1", port, "root", keyPair, "/workspace", Duration.ofSeconds(10));
    }

    private static CommandSpec cmd(String... argv) {
        return new CommandSpec(List.of(argv), Map.of(), null);
    }

    private List<ProcessEvent> run(CommandSpec spec) {
        return shell.exec(spec).collect().asList().await().atMost(WAIT);
    }

    private static List<String> lines(List<ProcessEvent> events, ProcessEvent.Stream stream) {
        return events.stream().filter(e -> e instanceof ProcessEvent.Line l && l.stream() == stream)
                .map(e -> ((ProcessEvent.Line) e).text()).toList();
    }

    /** The last event is the only Exit. */
    private static int exitCode(List<ProcessEvent> events) {
        assertEquals(1, events.stream().filter(e -> e instanceof ProcessEvent.Exit).count(), events.toString());
        return assertInstanceOf(ProcessEvent.Exit.class, events.get(events.size() - 1)).code();
    }

    @Test
    void echoRoundTrip() {
        List<ProcessEvent> events = run(cmd("echo", "hello", "world"));
        assertEquals(List.of("hello world"), lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(List.of(), lines(events, ProcessEvent.Stream.STDERR));
        assertEquals(0, exitCode(events));
    }

    @Test
    void everyArgumentArrivesAsOneLiteralArgument() {
        String marker = UUID.randomUUID().toString();
        Path pwned = Path.of("/tmp/pwned-" + marker);
        Path pwnedByBackticks = Path.of("/tmp/pwned-bt-" + marker);
        Path victim = Path.of("/tmp/x-" + marker);
        List<String> args = List.of(
                "; rm -rf " + victim,
                "$(touch " + pwned + ")",
                "`touch " + pwnedByBackticks + "`",
                "it's \"quoted\" 'twice'",
                "two\nlines",
                "--password-file=/etc/shadow",
                "",
                "*",
                "a\\b\\\\c",
                "$HOME ${PATH} $1",
                "  spaced  out  ",
                "| cat /etc/passwd && echo > /tmp/y",
                "tab\there",
                "ünïcødé ✓");
        try {
            Files.createDirectory(victim);
            List<String> argv = new ArrayList<>(List.of("printf", "[%s]\\n"));
            argv.addAll(args);
            List<ProcessEvent> events = run(new CommandSpec(argv, Map.of(), null));

            assertEquals(0, exitCode(events));
            String expected = args.stream().map(a -> "[" + a + "]").collect(Collectors.joining("\n"));
            assertEquals(expected, String.join("\n", lines(events, ProcessEvent.Stream.STDOUT)));
            assertFalse(Files.exists(pwned), "$(...) was executed");
            assertFalse(Files.exists(pwnedByBackticks), "backticks were executed");
            assertTrue(Files.isDirectory(victim), "; rm -rf was executed");
        } catch (IOException e) {
            throw new RuntimeException(e);
        } finally {
            victim.toFile().delete();
        }
    }

    @Test
    void leadingDashArgumentIsNotAnOptionOfTheShell() {
        // as the program itself and as its first argument: neither may turn into an option of sh
        List<ProcessEvent> events = run(cmd("printf", "%s\\n", "--password-file=/etc/shadow", "-c", "echo pwned"));
        assertEquals(List.of("--password-file=/etc/shadow", "-c", "echo pwned"), lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(0, exitCode(events));
    }

    @Test
    void environmentReachesTheCommandButNeverTheCommandLine() {
        String secret = "s3cr3t-" + UUID.randomUUID() + " with spaces $(touch /tmp/env-pwned) 'q' \"dq\" `bt` ;|&\\";
        String awsSecret = "aws-" + UUID.randomUUID();
        CommandSpec spec = new CommandSpec(
                List.of("sh", "-c", "printf '%s\\n' \"$RESTIC_PASSWORD\" \"$AWS_SECRET_ACCESS_KEY\" \"$EMPTY\"."),
                Map.of("RESTIC_PASSWORD", secret, "AWS_SECRET_ACCESS_KEY", awsSecret, "EMPTY", ""), null);

        List<ProcessEvent> events = run(spec);

        assertEquals(List.of(secret, awsSecret, "."), lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(0, exitCode(events));
        assertEquals(1, server.commands.size());
        String received = server.commands.get(0);
        assertFalse(received.contains("s3cr3t"), received);
        assertFalse(received.contains(awsSecret), received);
        assertFalse(received.contains("RESTIC_PASSWORD="), received);
        assertFalse(spec.toString().contains("s3cr3t"));
    }

    @Test
    void environmentThatCannotTravelIsRejectedWithoutEchoingTheValue() {
        CommandSpec newline = new CommandSpec(List.of("true"), Map.of("TOKEN", "abc\nverysecretvalue"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shell.exec(newline).collect().asList().await().atMost(WAIT));
        assertTrue(e.getMessage().contains("TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("newline"), e.getMessage());
        assertFalse(e.getMessage().contains("verysecretvalue"), e.getMessage());

        CommandSpec badKey = new CommandSpec(List.of("true"), Map.of("X;touch /tmp/k", "v"), null);
        assertThrows(IllegalArgumentException.class, () -> shell.exec(badKey).collect().asList().await().atMost(WAIT));
        assertEquals(List.of(), server.commands, "nothing was sent");
    }

    @Test
    void workDirIsTheCurrentDirectory(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("work dir 'quoted' $(x)"));
        List<ProcessEvent> events = run(new CommandSpec(List.of("pwd"), Map.of(), dir));
        assertEquals(List.of(dir.toRealPath().toString()), lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(0, exitCode(events));

        List<ProcessEvent> missing = run(new CommandSpec(List.of("pwd"), Map.of(), tmp.resolve("missing")));
        assertNotEquals(0, exitCode(missing));
        assertEquals(List.of(), lines(missing, ProcessEvent.Stream.STDOUT), "the command did not run elsewhere");
        assertFalse(lines(missing, ProcessEvent.Stream.STDERR).isEmpty(), "cd said why");
    }

    @Test
    void exitCodeAndStderrLines() {
        List<ProcessEvent> events = run(cmd("sh", "-c", "echo out; echo err1 >&2; printf 'err2' >&2; exit 3"));
        assertEquals(List.of("out"), lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(List.of("err1", "err2"), lines(events, ProcessEvent.Stream.STDERR));
        assertEquals(3, exitCode(events));
    }

    @Test
    void commandKilledBySignalReportsTheLocalConvention() {
        assertEquals(128 + 15, exitCode(run(cmd("sh", "-c", "kill -TERM $$"))));
    }

    @Test
    void missingProgramExitsWith127() {
        List<ProcessEvent> events = run(cmd("no-such-program-" + UUID.randomUUID()));
        assertEquals(127, exitCode(events));
    }

    @Test
    void manyLinesArriveInOrder() {
        List<ProcessEvent> events = run(cmd("seq", "1", "20000"));
        List<String> expected = IntStream.rangeClosed(1, 20000).mapToObj(Integer::toString).toList();
        assertEquals(expected, lines(events, ProcessEvent.Stream.STDOUT));
        assertEquals(0, exitCode(events));
    }

    @Test
    void linesStreamWhileTheCommandRuns() {
        AssertSubscriber<ProcessEvent> sub = shell.exec(cmd("sh", "-c", "echo first; sleep 6; echo second"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitItems(1, Duration.ofSeconds(5)); // before the sleep ends
        assertEquals(new ProcessEvent.Line(ProcessEvent.Stream.STDOUT, "first"), sub.getItems().get(0));
        sub.awaitCompletion(WAIT);
        assertEquals(new ProcessEvent.Exit(0), sub.getItems().get(sub.getItems().size() - 1));
    }

    @Test
    void oneSessionServesManyCommands() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, exitCode(run(cmd("true"))));
        }
        assertEquals(1, server.sessions.get());
    }

    @Test
    void cancellingStopsTheRemoteCommand() {
        AssertSubscriber<ProcessEvent> sub = shell.exec(cmd("sh", "-c", "echo $$; exec sleep 300"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitItems(1, WAIT);
        long pid = Long.parseLong(((ProcessEvent.Line) sub.getItems().get(0)).text());
        ProcessHandle sleeper = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertTrue(sleeper.info().command().orElse("").endsWith("sleep"), sleeper.info().toString());

        long start = System.nanoTime();
        sub.cancel();
        while (sleeper.isAlive() && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10) {
            sleep(50);
        }
        assertFalse(sleeper.isAlive(), "the remote sleep survived the cancellation (10 s)");
        assertFalse(sub.getItems().stream().anyMatch(e -> e instanceof ProcessEvent.Exit));
    }

    @Test
    void losingTheConnectionFailsTheStreamClearly() throws IOException {
        AssertSubscriber<ProcessEvent> sub = shell.exec(cmd("sh", "-c", "echo started; exec sleep 300"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitItems(1, WAIT);
        server.stop();
        sub.awaitFailure(WAIT);
        CommandFailedException e = assertInstanceOf(CommandFailedException.class, sub.getFailure());
        assertTrue(e.getMessage().contains("exit status"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void wrongKeyFailsClearlyWithoutKeyMaterial() throws IOException {
        KeyPair other = SshKeys.generate();
        try (SshShell stranger = shellTo(server.port(), other)) {
            Throwable failure = assertThrows(Throwable.class,
                    () -> stranger.exec(cmd("true")).collect().asList().await().atMost(WAIT));
            CommandFailedException e = assertInstanceOf(CommandFailedException.class, failure);
            String msg = e.getMessage();
            assertTrue(msg.contains("root@127.0.0.1:" + server.port()), msg);
            assertTrue(msg.contains("authentication as root failed"), msg);
            assertTrue(msg.contains(SshKeys.fingerprint(other.getPublic())), "names which key: " + msg);
            assertEquals(-1, e.exitCode());
            String publicB64 = SshKeys.publicKeyLine(other.getPublic(), null).split(" ")[1];
            String privateB64 = Base64.getEncoder().encodeToString(other.getPrivate().getEncoded());
            assertFalse(msg.contains(publicB64));
            assertFalse(msg.contains(privateB64.substring(0, 24)));
            assertFalse(msg.contains("PRIVATE KEY"));
            assertEquals(List.of(), server.commands);
        }
    }

    @Test
    void closedPortFailsAsCannotConnect() throws IOException {
        int port = freePort();
        try (SshShell nobody = shellTo(port, key)) {
            Throwable failure = assertThrows(Throwable.class,
                    () -> nobody.exec(cmd("true")).collect().asList().await().atMost(WAIT));
            assertInstanceOf(CommandFailedException.class, failure);
            assertTrue(failure.getMessage().contains("root@127.0.0.1:" + port + ": cannot connect"), failure.getMessage());
        }
    }

    @Test
    void probeIsTrueAgainstTheServerAndFalseQuicklyOtherwise() throws IOException {
        assertTrue(shell.probe(Duration.ofSeconds(10)).await().atMost(WAIT));

        // a refused connection answers at once, not at the probe's timeout: an hour, far past WAIT
        int closed = freePort();
        try (SshShell nobody = shellTo(closed, key)) {
            assertFalse(nobody.probe(Duration.ofHours(1)).await().atMost(WAIT));
        }

        // a port that accepts TCP but never speaks SSH: a machine whose sshd is not up yet behind a proxy
        // the probe's 1 s bounds the connection, not the shell's own timeout (an hour, far past WAIT)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SshShell mute = factory.create("127.0.0.1", silent.getLocalPort(), "root", key, "/workspace",
                        Duration.ofHours(1))) {
            assertFalse(mute.probe(Duration.ofSeconds(1)).await().atMost(WAIT));
        }
    }

    @Test
    void aChangedHostKeyIsRefused() {
        assertEquals(0, exitCode(run(cmd("true"))));
        Optional<String> recorded = shell.hostKey();
        assertTrue(recorded.isPresent());
        // the same server: the recorded key is accepted
        try (SshShell pinned = factory.create("127.0.0.1", server.port(), "root", key, "/workspace",
                Duration.ofSeconds(10), SshKeys.parsePublicKeyLine(recorded.get()))) {
            assertEquals(0, exitCode(pinned.exec(cmd("true")).collect().asList().await().atMost(WAIT)));
        }
        // another key recorded for this address: refused before anything runs
        try (SshShell pinned = factory.create("127.0.0.1", server.port(), "root", key, "/workspace",
                Duration.ofSeconds(10), SshKeys.generate().getPublic())) {
            Throwable failure = assertThrows(Throwable.class,
                    () -> pinned.exec(cmd("true")).collect().asList().await().atMost(WAIT));
            assertTrue(failure.getMessage().contains("host key changed"), failure.getMessage());
        }
        assertEquals(2, server.commands.size());
    }

    @Test
    void aFirstKeyIsRecordedBeforeAnythingRunsAndTheFirstRecordedWins() {
        java.util.concurrent.atomic.AtomicReference<java.security.PublicKey> row = new java.util.concurrent.atomic.AtomicReference<>();
        HostKeyRecorder firstWins = offered -> row.compareAndSet(null, offered) ? offered : row.get();
        int before = server.commands.size();
        try (SshShell first = factory.create("127.0.0.1", server.port(), "root", key, "/workspace", Duration.ofSeconds(10),
                null, firstWins)) {
            assertEquals(0, exitCode(first.exec(cmd("true")).collect().asList().await().atMost(WAIT)));
            assertEquals(SshKeys.publicKeyLine(row.get(), null), first.hostKey().orElseThrow(), "recorded as presented");
        }
        // another replica recorded another key for this machine first: this one must not use its session
        row.set(SshKeys.generate().getPublic());
        try (SshShell second = factory.create("127.0.0.1", server.port(), "root", key, "/workspace", Duration.ofSeconds(10),
                null, firstWins)) {
            Throwable failure = assertThrows(Throwable.class,
                    () -> second.exec(cmd("true")).collect().asList().await().atMost(WAIT));
            assertInstanceOf(HostKeyChangedException.class, failure);
            assertTrue(failure.getMessage().contains("host key changed (recorded " + SshKeys.fingerprint(row.get())),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains("true`"), "names no command: " + failure.getMessage());
            assertThrows(HostKeyChangedException.class, () -> second.probe(Duration.ofSeconds(10)).await().atMost(WAIT),
                    "a probe does not pass a changed key off as a machine not up yet");
        }
        // a recorder that cannot tell (the database is down): nothing runs either
        try (SshShell unsure = factory.create("127.0.0.1", server.port(), "root", key, "/workspace", Duration.ofSeconds(10),
                null, offered -> {
                    throw new IllegalStateException("database unreachable");
                })) {
            Throwable failure = assertThrows(Throwable.class,
                    () -> unsure.exec(cmd("true")).collect().asList().await().atMost(WAIT));
            assertTrue(failure.getMessage().contains("host key could not be recorded"), failure.getMessage());
        }
        assertEquals(before + 1, server.commands.size(), "only the first shell ran a command");
    }

    @Test
    void closedShellRunsNothing() {
        shell.close();
        Throwable failure = assertThrows(Throwable.class, () -> run(cmd("true")));
        assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
        assertEquals(List.of(), server.commands);
    }

    @Test
    void workspaceRootIsConfigurable() {
        assertEquals("/workspace", shell.workspaceRoot());
        try (SshShell other = factory.create("127.0.0.1", server.port(), "root", key, "/data/ws", Duration.ofSeconds(1))) {
            assertEquals("/data/ws", other.workspaceRoot());
        }
        assertEquals(SshShellFactory.DEFAULT_WORKSPACE_ROOT, factory.create("h", 22, key).workspaceRoot());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

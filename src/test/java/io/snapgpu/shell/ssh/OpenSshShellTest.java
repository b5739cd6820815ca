package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.snapgpu.provider.local.OpenSshServer;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SshShell against Debian's OpenSSH, each machine an {@link OpenSshServer} with its own home: what
 * the in-process test server cannot show (bash as login shell sourcing ~/.bashrc, sshd's own
 * channel handling). Skipped only where no sshd can run (not root, no openssh-server).
 */
class OpenSshShellTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KeyPair key;
    private static SshShellFactory factory;

    @TempDir
    Path tmp;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startClient() {
        Assumptions.assumeTrue(OpenSshServer.unavailable().isEmpty(),
                () -> "no OpenSSH server can run here: " + OpenSshServer.unavailable().orElse(""));
        key = SshKeys.generate();
        factory = new SshShellFactory();
    }

    @AfterAll
    static void stopClient() {
        if (factory != null) {
            factory.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A machine: its sshd and the home directory its root sees as /root. */
    private record Machine(OpenSshServer sshd, Path home) {
    }

    private Machine machine(String bashrc, Set<String> hidden) throws IOException {
        String name = "m-" + UUID.randomUUID();
        Path home = Files.createDirectories(tmp.resolve(name).resolve("home"));
        if (bashrc != null) {
            Files.writeString(home.resolve(".bashrc"), bashrc);
        }
        OpenSshServer sshd = OpenSshServer.start(new OpenSshServer.Options(home, tmp.resolve(name).resolve("state"), 0,
                List.of(SshKeys.publicKeyLine(key.getPublic())), hidden));
        open.add(sshd);
        return new Machine(sshd, home);
    }

    private SshShell shellTo(Machine m) {
        SshShell shell = factory.create("127.0.0.1", m.sshd().port(), "root", key, "/workspace", Duration.ofSeconds(20));
        open.add(shell);
        return shell;
    }

    private static CommandSpec cmd(String... argv) {
        return new CommandSpec(List.of(argv), Map.of(), null);
    }

    private static List<ProcessEvent> run(SshShell shell, CommandSpec spec) {
        return shell.exec(spec).collect().asList().await().atMost(WAIT);
    }

    private static List<String> out(List<ProcessEvent> events) {
        return lines(events, ProcessEvent.Stream.STDOUT);
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
    void echoRoundTrip() throws IOException {
        SshShell shell = shellTo(machine(null, Set.of()));
        List<ProcessEvent> events = run(shell, cmd("echo", "hello", "world"));
        assertEquals(List.of("hello world"), out(events));
        assertEquals(List.of(), lines(events, ProcessEvent.Stream.STDERR));
        assertEquals(0, exitCode(events));
    }

    @Test
    void everyArgumentArrivesLiterally() throws IOException {
        SshShell shell = shellTo(machine(null, Set.of()));
        Path pwned = tmp.resolve("pwned");
        List<String> args = List.of("it's \"quoted\"", "  spaced  out  ", "$(touch " + pwned + ")", "`touch " + pwned + "`",
                "two\nlines", "", "*", "$HOME ${PATH}", "a\\b", "ünïcødé ✓", "x".repeat(10_000));
        List<String> argv = new ArrayList<>(List.of("printf", "[%s]\\n"));
        argv.addAll(args);
        List<ProcessEvent> events = run(shell, new CommandSpec(argv, Map.of(), null));
        assertEquals(0, exitCode(events));
        assertEquals(args.stream().map(a -> "[" + a + "]").collect(Collectors.joining("\n")), String.join("\n", out(events)));
        assertFalse(Files.exists(pwned), "a substitution was executed");
    }

    @Test
    void environmentReachesTheCommandButNoCommandLine() throws IOException {
        SshShell shell = shellTo(machine(null, Set.of()));
        String secret = "s3cr3t-" + UUID.randomUUID() + " $(touch /tmp/x) 'q' ;|&";
        // the command lists every process's command line while it runs: the dispatcher's too
        List<ProcessEvent> events = run(shell, new CommandSpec(List.of("sh", "-c", "printf '%s\\n' \"$TOKEN\"; ps -eo args"),
                Map.of("TOKEN", secret), null));
        assertEquals(0, exitCode(events));
        List<String> lines = out(events);
        assertEquals(secret, lines.get(0));
        assertTrue(lines.size() > 3, "ps listed processes: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("snapgpu-mux")), "the dispatcher is in the list: " + lines);
        assertFalse(lines.subList(1, lines.size()).stream().anyMatch(l -> l.contains("s3cr3t")), lines.toString());
    }

    @Test
    void theImagesOwnCredentialsFromBashrcNeverReachACommand() throws IOException {
        // an image whose login environment exports storage credentials of its own
        Machine m = machine("export AWS_ACCESS_KEY_ID=image-key RESTIC_PASSWORD=x AWS_SESSION_TOKEN=t"
                + " GOOGLE_APPLICATION_CREDENTIALS=/k.json IMAGE_SETTING=kept\n", Set.of());
        CommandSpec env = new CommandSpec(List.of("env"), Map.of("AWS_ACCESS_KEY_ID", "snapgpu-key"), null);
        try (SshShellFactory perChannel = new SshShellFactory(SshShellFactory.MAX_CONCURRENT_LOGINS, false);
                SshShell channel = perChannel.create("127.0.0.1", m.sshd().port(), "root", key, "/workspace",
                        Duration.ofSeconds(20))) {
            for (SshShell shell : List.of(shellTo(m), channel)) { // the dispatcher, then a channel per command
                List<ProcessEvent> events = run(shell, env);
                assertEquals(0, exitCode(events));
                List<String> seen = out(events);
                assertTrue(seen.contains("AWS_ACCESS_KEY_ID=snapgpu-key"), seen.toString());
                assertTrue(seen.contains("IMAGE_SETTING=kept"), "the .bashrc ran: " + seen);
                assertFalse(seen.stream().anyMatch(l -> l.startsWith("RESTIC_PASSWORD=") || l.startsWith("AWS_SESSION_TOKEN=")
                        || l.startsWith("GOOGLE_APPLICATION_CREDENTIALS=") || l.contains("image-key")), seen.toString());
            }
        }
    }

    @Test
    void exitCodesAndWorkDir() throws IOException {
        Machine m = machine(null, Set.of());
        SshShell shell = shellTo(m);
        List<ProcessEvent> three = run(shell, cmd("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, exitCode(three));
        assertEquals(List.of("out"), out(three));
        assertEquals(List.of("err"), lines(three, ProcessEvent.Stream.STDERR));
        assertEquals(127, exitCode(run(shell, cmd("no-such-program-" + UUID.randomUUID()))));
        assertEquals(128 + 15, exitCode(run(shell, cmd("sh", "-c", "kill -TERM $$"))));
        Path dir = Files.createDirectories(tmp.resolve("work dir $(x) 'q'"));
        assertEquals(List.of(dir.toString()), out(run(shell, new CommandSpec(List.of("pwd"), Map.of(), dir))));
        assertNotEquals(0, exitCode(run(shell, new CommandSpec(List.of("pwd"), Map.of(), tmp.resolve("missing")))));
    }

    @Test
    void cancellingStopsTheRemoteSleep() throws IOException {
        SshShell shell = shellTo(machine(null, Set.of()));
        AssertSubscriber<ProcessEvent> sub = shell.exec(cmd("sh", "-c", "echo $$; exec sleep 300"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitItems(1, WAIT);
        long pid = Long.parseLong(((ProcessEvent.Line) sub.getItems().get(0)).text());
        ProcessHandle sleeper = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertTrue(sleeper.info().command().orElse("").endsWith("sleep"), sleeper.info().toString());
        sub.cancel();
        // bounded wait for it to go, not a claim about how fast
        for (int i = 0; i < 600 && sleeper.isAlive(); i++) {
            sleep(50);
        }
        assertFalse(sleeper.isAlive(), "the remote sleep survived the cancellation");
        assertEquals(0, exitCode(run(shell, cmd("true"))), "the shell still serves commands");
    }

    @Test
    void twentyCommandsRunAtOnceOnOneMachine() throws IOException {
        Machine m = machine("echo ran >> \"$HOME/bashrc-runs\"\n", Set.of());
        SshShell shell = shellTo(m);
        Path gate = Files.createDirectories(tmp.resolve("gate"));
        // each command waits (bounded) until all twenty have started: that needs them to run at once
        String script = "touch \"$1/$2\"; i=0; while [ \"$(ls \"$1\" | wc -l)\" -lt 20 ]; do i=$((i+1));"
                + " [ $i -lt 600 ] || { echo alone; exit 1; }; sleep 0.1; done; echo \"done $2\"";
        List<Uni<List<ProcessEvent>>> all = IntStream.range(0, 20).mapToObj(i -> shell.exec(
                cmd("sh", "-c", script, "sh", gate.toString(), Integer.toString(i))).collect().asList()).toList();
        List<List<ProcessEvent>> results = Uni.join().all(all).andFailFast().await().atMost(WAIT.multipliedBy(2));
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("done " + i), out(results.get(i)));
            assertEquals(0, exitCode(results.get(i)));
        }
        assertEquals(List.of("ran"), Files.readAllLines(m.home().resolve("bashrc-runs")), "one login for twenty commands");
    }

    @Test
    void hiddenProgramsAreAbsentAndTheHomeIsTheMachines() throws IOException {
        Machine m = machine(null, Set.of("curl", "restic"));
        Files.writeString(m.home().resolve("marker.txt"), "mine\n");
        SshShell shell = shellTo(m);
        assertNotEquals(0, exitCode(run(shell, cmd("sh", "-c", "command -v curl"))));
        assertNotEquals(0, exitCode(run(shell, cmd("sh", "-c", "command -v restic"))));
        assertEquals(0, exitCode(run(shell, cmd("sh", "-c", "command -v ls"))), "other programs are there");
        List<ProcessEvent> home = run(shell, cmd("sh", "-c", "echo \"$HOME\"; cat \"$HOME/marker.txt\"; echo made > \"$HOME/made.txt\""));
        assertEquals(List.of("/root", "mine"), out(home));
        assertEquals("made\n", Files.readString(m.home().resolve("made.txt")));
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            assertTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "hidden on that machine only, not here");
        }
    }

    @Test
    void aSlowBashrcRunsOncePerConnectionNotPerCommand() throws IOException {
        // stands in for conda init: the login shell sources ~/.bashrc for commands started by sshd
        Machine m = machine("echo ran >> \"$HOME/bashrc-runs\"\nsleep 2\n", Set.of());
        SshShell shell = shellTo(m);
        Path runs = m.home().resolve("bashrc-runs");
        assertEquals(0, exitCode(run(shell, cmd("true"))));
        assertEquals(1, Files.readAllLines(runs).size(), "the first command paid the login once");
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of("n" + i), out(run(shell, cmd("echo", "n" + i))));
        }
        assertEquals(1, Files.readAllLines(runs).size(), "ten more commands started no login shell");
    }

    @Test
    void fifteenMachinesProbedAtOnceAllAnswer() throws IOException {
        List<SshShell> shells = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            shells.add(shellTo(machine(null, Set.of())));
        }
        List<Uni<Boolean>> probes = shells.stream().map(s -> s.probe(Duration.ofSeconds(60))).toList();
        List<Boolean> answers = Uni.join().all(probes).andFailFast().await().atMost(WAIT.multipliedBy(2));
        assertEquals(IntStream.range(0, 15).mapToObj(i -> true).toList(), answers);
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

package io.snapgpu.bench;

import io.snapgpu.provider.local.OpenSshServer;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ssh.SshKeys;
import io.snapgpu.shell.ssh.SshShell;
import io.snapgpu.shell.ssh.SshShellFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cost of one command on an OpenSSH machine whose ~/.bashrc is slow (a sleep standing in for conda
 * init): one channel, so one login shell, per command, against the dispatcher. Prints the median of
 * {@code -Dbench.n} (default 10) sequential {@code true} commands for each, after one warm-up.
 */
public final class SshCommandBenchmark {
    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 10);
        String bashrcSleep = System.getProperty("bench.bashrcSleep", "0.5");
        OpenSshServer.unavailable().ifPresent(why -> {
            System.err.println("cannot run: " + why);
            System.exit(2);
        });
        Path dir = Files.createTempDirectory("ssh-bench");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".bashrc"), "sleep " + bashrcSleep + "\n");
        KeyPair key = SshKeys.generate();
        try (OpenSshServer sshd = OpenSshServer.start(new OpenSshServer.Options(home, dir.resolve("state"), 0,
                List.of(SshKeys.publicKeyLine(key.getPublic())), Set.of()))) {
            double perChannel = medianMillis(sshd, key, false, n);
            double mux = medianMillis(sshd, key, true, n);
            System.out.printf("OpenSSH, .bashrc sleeping %s s, median of %d commands:%n", bashrcSleep, n);
            System.out.printf("  one channel per command: %8.1f ms%n", perChannel);
            System.out.printf("  dispatcher (mux):        %8.1f ms%n", mux);
            System.out.printf("  ratio:                   %8.1f x%n", perChannel / mux);
        } finally {
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
        System.exit(0);
    }

    private static double medianMillis(OpenSshServer sshd, KeyPair key, boolean dispatcher, int n) {
        try (SshShellFactory factory = new SshShellFactory(SshShellFactory.MAX_CONCURRENT_LOGINS, dispatcher);
                SshShell shell = factory.create("127.0.0.1", sshd.port(), "root", key, "/workspace", Duration.ofSeconds(20))) {
            CommandSpec spec = new CommandSpec(List.of("true"), Map.of(), null);
            shell.exec(spec).collect().asList().await().atMost(Duration.ofMinutes(1)); // connect (and start the dispatcher)
            List<Double> took = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                shell.exec(spec).collect().asList().await().atMost(Duration.ofMinutes(1));
                took.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(took);
            return n % 2 == 1 ? took.get(n / 2) : (took.get(n / 2 - 1) + took.get(n / 2)) / 2;
        }
    }
}

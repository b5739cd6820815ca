package io.snapgpu.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged SnapGPU (target/quarkus-app) started as a real process, the way a person runs it. */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    public final int httpPort;

    private AppProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    public static AppProcess start(Path log, Map<String, String> env) throws IOException {
        String jar = System.getProperty("snapgpu.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("SNAPGPU_"));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().putAll(env);
        return new AppProcess(pb.start(), log, port);
    }

    /** Waits until /q/health answers 200 (all checks up) or the process dies. */
    public AppProcess awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("SnapGPU exited with " + process.exitValue() + ":\n" + output());
            }
            if (healthStatus() == 200) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("SnapGPU not healthy after " + timeout + ":\n" + output());
    }

    public int healthStatus() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/q/health")
                    .toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public String get(String path) throws IOException {
        return get(path, null);
    }

    public String get(String path, String bearer) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL()
                .openConnection();
        if (bearer != null) {
            c.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        c.setReadTimeout(10000);
        var in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        return c.getResponseCode() + " " + (in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("SnapGPU still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as a service manager stops it. */
    public void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly(); // never leave a stray app behind a failed test
            throw new AssertionError("SnapGPU did not stop within 60 s:\n" + output());
        }
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package io.snapgpu.bench;

import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the packaged app on its embedded defaults: process start to {@code /q/health/ready} UP,
 * {@code bench.runs} times on a fresh data directory and as many times on a warm one (a directory an
 * earlier start initialised: PostgreSQL's data, the bucket, the schema). Prints median and minimum, and
 * when each phase ended (from the app's log), per build: {@code -Dbench.baseline=DIR} (a copy of another
 * build's target/quarkus-app) runs that build too, interleaved start by start, so both meet the same
 * machine load.
 *
 * <p>{@code ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.snapgpu.bench.StartupBenchmark} (options: -Dbench.runs=5
 * -Dbench.baseline=target/startup-baseline; -Dbench.java=PATH and -Dbench.jvmArgs="-XX:AOTCache=app.aot" start
 * the current build with another JVM and options, -Dbench.baselineJava and -Dbench.baselineJvmArgs the baseline;
 * each build starts in its own directory, where a class-data archive or AOT cache is looked up).
 */
public final class StartupBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final String BASELINE = System.getProperty("bench.baseline", "");
    private static final String JVM_ARGS = System.getProperty("bench.jvmArgs", "");
    /** The JVM running this benchmark, the default for both builds. */
    private static final String THIS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JAVA = System.getProperty("bench.java", THIS_JAVA);
    private static final String BASELINE_JAVA = System.getProperty("bench.baselineJava", THIS_JAVA);
    private static final String BASELINE_JVM_ARGS = System.getProperty("bench.baselineJvmArgs", "");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200)).build();
    /** Log lines that end a phase, in the order they happen. */
    private static final Map<String, Pattern> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("postgres", Pattern.compile("Embedded PostgreSQL ready"));
        PHASES.put("s3", Pattern.compile("Embedded S3 server ready"));
        PHASES.put("quarkus", Pattern.compile("started in [0-9.]+s"));
        PHASES.put("app-ready", Pattern.compile("SnapGPU is ready"));
        PHASES.put("restic", Pattern.compile("Using restic|restic.*not found|restic.*missing", Pattern.CASE_INSENSITIVE));
    }

    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private StartupBenchmark() {
    }

    /** A build and how it is started: which {@code java}, with which JVM options. */
    record Build(String name, Path appDir, String java, String jvmArgs) {
    }

    record Start(long readyMs, Map<String, Long> phaseMs) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of("target/bench-data/startup-" + UUID.randomUUID())).toAbsolutePath();
        List<Build> builds = new ArrayList<>();
        builds.add(new Build("current", Path.of("target/quarkus-app"), JAVA, JVM_ARGS));
        if (!BASELINE.isBlank()) {
            builds.add(new Build("baseline", Path.of(BASELINE), BASELINE_JAVA, BASELINE_JVM_ARGS));
        }
        System.out.printf("start-up benchmark: %d fresh and %d warm starts per build, %d cores, load %s%n", RUNS, RUNS,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, List<Start>> fresh = new LinkedHashMap<>();
        Map<String, List<Start>> warm = new LinkedHashMap<>();
        Map<String, Path> warmDirs = new LinkedHashMap<>();
        for (Build b : builds) {
            fresh.put(b.name(), new ArrayList<>());
            warm.put(b.name(), new ArrayList<>());
            Path dir = root.resolve("warm-" + b.name());
            warmDirs.put(b.name(), dir);
            start(b, dir, root.resolve("init-" + b.name() + ".log")); // initialises the warm directory, not counted
        }
        for (int i = 0; i < RUNS; i++) {
            for (Build b : builds) {
                fresh.get(b.name()).add(start(b, root.resolve("fresh-" + b.name() + "-" + i),
                        root.resolve("fresh-" + b.name() + "-" + i + ".log")));
                warm.get(b.name()).add(start(b, warmDirs.get(b.name()), root.resolve("warm-" + b.name() + "-" + i
                        + ".log")));
            }
        }
        System.out.printf("%nload after: %s%n", loadAverage());
        print("fresh data directory", fresh);
        print("warm data directory", warm);
        System.exit(0);
    }

    private static Start start(Build build, Path dataDir, Path log) throws Exception {
        Files.createDirectories(dataDir);
        List<String> cmd = new ArrayList<>(List.of(build.java()));
        for (String a : build.jvmArgs().split(" ")) {
            if (!a.isBlank()) {
                cmd.add(a);
            }
        }
        // From the build's own directory, as Quarkus' class-data archive (app-cds.jsa) records the class
        // path relative to it: started from elsewhere, the JVM finds the archive but refuses to map it.
        cmd.addAll(List.of("-jar", "quarkus-run.jar"));
        int port = AppProcess.freePort();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(build.appDir().toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("SNAPGPU_"));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("SNAPGPU_DATA_DIR", dataDir.toString());
        pb.environment().put("SNAPGPU_ADMIN_API_KEY", BenchSupport.KEY);
        long wallStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Process p = pb.start();
        long readyMs;
        try {
            readyMs = awaitReady(p, port, t0, log);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Start(readyMs, phases(log, wallStart));
    }

    private static long awaitReady(Process p, int port, long t0, Path log) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("SnapGPU exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("SnapGPU not ready after 180 s:\n" + Files.readString(log));
    }

    /** When each phase's line was logged, in ms after the process started (the log's own clock). */
    private static Map<String, Long> phases(Path log, long wallStart) throws Exception {
        Map<String, Long> at = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = STAMP.matcher(line);
            if (!m.find()) {
                continue;
            }
            long ms = LocalDateTime.parse(m.group(1), FORMAT).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli()
                    - wallStart;
            at.putIfAbsent("first log line", ms);
            PHASES.forEach((name, pattern) -> {
                if (pattern.matcher(line).find()) {
                    at.putIfAbsent(name, ms);
                }
            });
        }
        return at;
    }

    private static void print(String title, Map<String, List<Start>> byBuild) {
        System.out.printf("%n%s: ms after process start (median / min)%n", title);
        List<String> names = new ArrayList<>(byBuild.keySet());
        System.out.printf("%-22s", "");
        names.forEach(n -> System.out.printf(" %20s", n));
        if (names.size() == 2) {
            System.out.printf(" %18s", "current/baseline");
        }
        System.out.println();
        List<String> rows = new ArrayList<>(List.of("first log line"));
        rows.addAll(PHASES.keySet());
        rows.add("/q/health/ready UP");
        for (String row : rows) {
            System.out.printf("%-22s", row);
            List<Double> medians = new ArrayList<>();
            for (String n : names) {
                List<Long> values = byBuild.get(n).stream()
                        .map(s -> row.equals("/q/health/ready UP") ? Long.valueOf(s.readyMs()) : s.phaseMs().get(row))
                        .filter(v -> v != null).sorted().toList();
                if (values.isEmpty()) {
                    System.out.printf(" %20s", "-");
                    medians.add(Double.NaN);
                } else {
                    double median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                            : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2.0;
                    System.out.printf(" %20s", String.format("%.0f / %d", median, values.get(0)));
                    medians.add(median);
                }
            }
            if (names.size() == 2) {
                System.out.printf(" %18.2f", medians.get(0) / medians.get(1));
            }
            System.out.println();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

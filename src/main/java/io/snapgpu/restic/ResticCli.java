package io.snapgpu.restic;

import io.smallrye.mutiny.Uni;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.CommandRunner;
import java.util.function.Consumer;
import io.snapgpu.shell.ProcessEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The restic driver: typed commands built as argument vectors, secrets in the environment, output
 * parsed from JSON. Repository upkeep runs the control plane's restic; backups and restores run a
 * machine's own ({@link ResticTarget}). A backup without a {@code summary} line is a failure.
 */
@ApplicationScoped
public class ResticCli {
    private static final Logger LOG = Logger.getLogger(ResticCli.class);
    private static final int STDERR_TAIL_LINES = 20;

    private final String binary;
    private final Duration timeout;
    private volatile ResticStatus status;

    public ResticCli(SnapgpuConfig config) {
        this.binary = config.restic().binary();
        this.timeout = Duration.ofSeconds(config.restic().commandTimeoutSeconds());
        this.status = ResticStatus.missing(binary, "not checked yet");
    }

    public ResticStatus status() {
        return status;
    }

    /** The control plane's own restic, as detected at start. */
    public ResticTarget local() {
        return new ResticTarget(CommandRunner.LOCAL, binary, status.version());
    }

    /** Runs {@code restic version} and remembers what it found; never fails. */
    public Uni<ResticStatus> detect() {
        return exec(new CommandSpec(List.of(binary, "version"), Map.of(), null), Set.of(0))
                .map(run -> ResticVersion.parse(run.stdout().isEmpty() ? "" : run.stdout().get(0))
                        .map(v -> ResticStatus.found(binary, v))
                        .orElseGet(() -> ResticStatus.missing(binary, "unrecognised version output")))
                .onFailure().recoverWithItem(e -> ResticStatus.missing(binary, e.getMessage()))
                .invoke(s -> {
                    status = s;
                    if (s.available()) {
                        LOG.infof("Using %s (%s)", s.message(), binary);
                    } else {
                        LOG.warn(s.message());
                    }
                });
    }

    /** Initialises the repository unless it exists already (restic creates the bucket prefix itself). */
    public Uni<Void> initIfMissing(ResticRepository repo) {
        return exec(spec(repo, null, "cat", "config"), Set.of(0, 1, 10))
                .chain(run -> run.exitCode() == 0 ? Uni.createFrom().voidItem()
                        : exec(spec(repo, null, "init"), Set.of(0)).replaceWithVoid());
    }

    /**
     * Backs up {@code paths} relative to {@code root}, so the snapshot restores under any other root.
     * {@code host} must stay the same per workspace: restic finds the parent snapshot by host + paths.
     */
    public Uni<BackupSummary> backup(ResticRepository repo, Path root, String host, List<String> paths,
            List<String> excludes, List<String> tags) {
        return backup(local(), repo, root, host, paths, excludes, tags, s -> {
        });
    }

    /**
     * A backup run by {@code target} (a machine's restic, through its shell), reporting each status
     * line to {@code progress} as it comes. Succeeds only with restic's summary.
     */
    public Uni<BackupSummary> backup(ResticTarget target, ResticRepository repo, Path root, String host,
            List<String> paths, List<String> excludes, List<String> tags, Consumer<BackupStatus> progress) {
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--host", host));
        excludes.forEach(e -> args.add("--exclude=" + e));
        tags.forEach(t -> args.add("--tag=" + t));
        args.add("--");
        args.addAll(paths);
        Consumer<String> onLine = line -> ResticJson.line(line)
                .filter(n -> "status".equals(ResticJson.messageType(n)))
                .ifPresent(n -> progress.accept(ResticJson.MAPPER.convertValue(n, BackupStatus.class)));
        // exit 3: a snapshot was made but some files could not be read; the summary still decides
        return exec(target.runner(), spec(target.binary(), repo, root, args), Set.of(0, 3), Duration.ofDays(1), onLine)
                .map(run -> ResticJson
                .backupSummary(run.stdout())
                .orElseThrow(() -> new CommandFailedException(run.display(), run.exitCode(),
                        "restic printed no summary: the backup did not complete. " + run.stderrTail())));
    }

    /** Forgets snapshots by id and, with {@code prune}, removes the data nothing references any more. */
    public Uni<Void> forget(ResticRepository repo, List<String> snapshotIds, boolean prune) {
        List<String> args = new ArrayList<>(List.of("forget"));
        if (prune) {
            args.add("--prune");
        }
        args.add("--");
        args.addAll(snapshotIds);
        return exec(CommandRunner.LOCAL, spec(repo, null, args), Set.of(0), Duration.ofHours(2), l -> {
        }).replaceWithVoid();
    }

    /** Removes the data no snapshot references any more (after forgets that did not prune). */
    public Uni<Void> prune(ResticRepository repo) {
        return exec(CommandRunner.LOCAL, spec(repo, null, List.of("prune")), Set.of(0), Duration.ofHours(2), l -> {
        }).replaceWithVoid();
    }

    public Uni<Void> restore(ResticRepository repo, String snapshotId, Path target) {
        return exec(spec(repo, null, "restore", snapshotId, "--target", target.toString()), Set.of(0),
                Duration.ofDays(1)).replaceWithVoid();
    }

    /**
     * Restores (part of) a snapshot into {@code target} with {@code restic} (a machine's), with
     * {@code connections} parallel S3 connections. {@code includes}/{@code excludes} are restic
     * patterns. Where that restic reports progress (0.16+, --json) each status goes to {@code progress}.
     */
    public Uni<Void> restore(ResticTarget restic, ResticRepository repo, String snapshotId, String target,
            List<String> includes, List<String> excludes, int connections, boolean noLock,
            Consumer<RestoreStatus> progress) {
        return restore(restic, repo, snapshotId, target, includes, excludes, connections, noLock, Onto.EMPTY, progress);
    }

    /** What a restore finds in its target, and so what it does with files already there. */
    public enum Onto {
        /** an empty target (or one restic may overwrite file by file): restic's defaults */
        EMPTY,
        /** existing data: files whose size and mtime match stay untouched (0.17+: --overwrite if-changed) */
        EXISTING,
        /** existing data, and what the snapshot lacks (outside the excludes) is deleted too (0.17+: --delete) */
        EXISTING_AND_DELETE
    }

    public Uni<Void> restore(ResticTarget restic, ResticRepository repo, String snapshotId, String target,
            List<String> includes, List<String> excludes, int connections, boolean noLock, Onto onto,
            Consumer<RestoreStatus> progress) {
        List<String> args = reading(noLock, "restore", "-o", "s3.connections=" + connections);
        if (restic.reportsRestoreProgress()) {
            args.add("--json");
        }
        if (onto != Onto.EMPTY) {
            if (!restic.restoresIncrementally()) {
                throw new IllegalStateException("restic " + restic.version() + " cannot restore onto existing data");
            }
            args.addAll(List.of("--overwrite", "if-changed"));
            if (onto == Onto.EXISTING_AND_DELETE) {
                args.add("--delete");
            }
        }
        args.addAll(List.of("--target", target));
        includes.forEach(i -> args.add("--include=" + i));
        excludes.forEach(e -> args.add("--exclude=" + e));
        args.add(snapshotId);
        Consumer<String> onLine = line -> ResticJson.line(line).filter(ResticJson::isRestoreProgress)
                .ifPresent(n -> progress.accept(ResticJson.MAPPER.convertValue(n, RestoreStatus.class)));
        return exec(restic.runner(), spec(restic.binary(), repo, null, args), Set.of(0), Duration.ofDays(1), onLine)
                .replaceWithVoid();
    }

    /**
     * Every entry of a snapshot ({@code restic ls --json}), streamed to {@code each} as it comes and not
     * kept: a tree can have millions of entries.
     */
    public Uni<Void> ls(ResticRepository repo, String snapshotId, boolean noLock, Consumer<ResticNode> each) {
        Consumer<String> onLine = line -> ResticJson.line(line)
                .filter(n -> "node".equals(n.path("struct_type").asText()))
                .ifPresent(n -> each.accept(new ResticNode(n.path("path").asText(), n.path("type").asText(),
                        n.path("size").asLong(0))));
        return exec(CommandRunner.LOCAL, spec(repo, null, reading(noLock, "ls", "--json", snapshotId)), Set.of(0), timeout,
                onLine, false)
                .replaceWithVoid();
    }

    public Uni<List<ResticSnapshot>> snapshots(ResticRepository repo) {
        return exec(spec(repo, null, "snapshots", "--json"), Set.of(0)).map(run -> ResticJson.snapshots(run.stdout()));
    }

    public Uni<RestoreSize> restoreSize(ResticRepository repo, String snapshotId) {
        return restoreSize(repo, snapshotId, false);
    }

    public Uni<RestoreSize> restoreSize(ResticRepository repo, String snapshotId, boolean noLock) {
        return exec(spec(repo, null, reading(noLock, "stats", "--json", "--mode", "restore-size", snapshotId)), Set.of(0))
                .map(run -> ResticJson.single(run.stdout(), RestoreSize.class));
    }


    /** What {@code restic check} found: ok, or the tail of what it reported. */
    public record CheckResult(boolean ok, String problems) {
    }

    /**
     * {@code restic check --read-data-subset=<subset>}: the repository's structure, and the packs of that
     * subset downloaded and verified against their hashes. Exit 1 (errors found) is a result, not a failure.
     */
    public Uni<CheckResult> check(ResticRepository repo, String subset, boolean noLock) {
        return exec(CommandRunner.LOCAL, spec(repo, null, reading(noLock, "check", "--read-data-subset=" + subset)),
                Set.of(0, 1), Duration.ofHours(6), l -> {
                }).map(run -> new CheckResult(run.exitCode() == 0, run.exitCode() == 0 ? ""
                        : tail(run.stdout(), run.stderrTail())));
    }

    private static String tail(List<String> stdout, String stderr) {
        List<String> lines = new ArrayList<>();
        stdout.stream().filter(l -> !l.isBlank()).forEach(lines::add);
        if (!stderr.isBlank()) {
            lines.addAll(List.of(stderr.split("\n")));
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size());
        return String.join("\n", last);
    }

    /**
     * Restores a whole snapshot into {@code target} on the control plane with {@code --verify}: restic reads
     * every restored file back and checks each blob's SHA-256 against its id.
     */
    public Uni<Void> restoreVerified(ResticRepository repo, String snapshotId, Path target, boolean noLock) {
        return exec(CommandRunner.LOCAL, spec(repo, null, reading(noLock, "restore", "--verify", "--target",
                target.toString(), snapshotId)), Set.of(0), Duration.ofDays(1), l -> {
                }).replaceWithVoid();
    }

    /**
     * SHA-256 and length of one file of a snapshot as {@code restic dump} streams it (its own read of
     * the file's blobs, independent of a restore). {@code path} is the file's path in the snapshot.
     */
    public Uni<java.util.Map.Entry<String, Long>> dumpSha256(ResticRepository repo, String snapshotId, String path,
            boolean noLock) {
        List<String> argv = new ArrayList<>(List.of(binary));
        argv.addAll(reading(noLock, "dump", snapshotId, path));
        return Uni.createFrom().item(() -> {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(false)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(repo.environment());
            try {
                Process p = pb.start();
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (java.io.InputStream in = p.getInputStream()) {
                    byte[] buf = new byte[1 << 16];
                    for (int r; (r = in.read(buf)) > 0; n += r) {
                        sha.update(buf, 0, r);
                    }
                }
                if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new CommandFailedException("restic dump", -1, "timed out");
                }
                if (p.exitValue() != 0) {
                    throw new CommandFailedException("restic dump " + snapshotId, p.exitValue(),
                            "restic could not read the file back");
                }
                return java.util.Map.entry(java.util.HexFormat.of().formatHex(sha.digest()), n);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    /** A reading command's arguments; {@code noLock} skips restic's repository lock (see {@code RepositoryGuard}). */
    private static List<String> reading(boolean noLock, String... args) {
        List<String> out = new ArrayList<>(args.length + 1);
        if (noLock) {
            out.add("--no-lock");
        }
        out.addAll(List.of(args));
        return out;
    }

    private CommandSpec spec(ResticRepository repo, Path workDir, String... args) {
        return spec(repo, workDir, List.of(args));
    }

    private CommandSpec spec(ResticRepository repo, Path workDir, List<String> args) {
        return spec(binary, repo, workDir, args);
    }

    private static CommandSpec spec(String binary, ResticRepository repo, Path workDir, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary);
        argv.addAll(args);
        return new CommandSpec(argv, repo.environment(), workDir);
    }

    private Uni<ResticRun> exec(CommandSpec spec, Set<Integer> okCodes) {
        return exec(spec, okCodes, timeout);
    }

    private Uni<ResticRun> exec(CommandSpec spec, Set<Integer> okCodes, Duration limit) {
        return exec(CommandRunner.LOCAL, spec, okCodes, limit, l -> {
        });
    }

    private Uni<ResticRun> exec(CommandRunner runner, CommandSpec spec, Set<Integer> okCodes, Duration limit,
            Consumer<String> onStdout) {
        return exec(runner, spec, okCodes, limit, onStdout, true);
    }

    private Uni<ResticRun> exec(CommandRunner runner, CommandSpec spec, Set<Integer> okCodes, Duration limit,
            Consumer<String> onStdout, boolean keepStdout) {
        List<String> stdout = new ArrayList<>();
        Deque<String> stderr = new ArrayDeque<>();
        long started = System.nanoTime();
        return runner.run(spec)
                .collect().in(() -> new int[] { -1 }, (code, event) -> {
                    if (event instanceof ProcessEvent.Line line) {
                        if (line.stream() == ProcessEvent.Stream.STDOUT) {
                            onStdout.accept(line.text());
                            if (keepStdout && !line.text().contains("\"message_type\":\"status\"")) {
                                stdout.add(line.text()); // status lines are progress, not results: not kept
                            }
                        } else {
                            stderr.addLast(line.text());
                            if (stderr.size() > STDERR_TAIL_LINES) {
                                stderr.removeFirst();
                            }
                        }
                    } else if (event instanceof ProcessEvent.Exit exit) {
                        code[0] = exit.code();
                    }
                })
                .ifNoItem().after(limit).failWith(() -> new CommandFailedException(spec.display(), -1,
                        "timed out after " + limit.toSeconds() + " s"))
                .map(code -> new ResticRun(spec.display(), code[0], stdout, String.join("\n", stderr)))
                .invoke(run -> LOG.debugf("%s: exit %d after %d ms", run.display(), run.exitCode(),
                        (System.nanoTime() - started) / 1_000_000))
                .invoke(run -> {
                    if (!okCodes.contains(run.exitCode())) {
                        throw new CommandFailedException(run.display(), run.exitCode(), run.stderrTail());
                    }
                });
    }

    record ResticRun(String display, int exitCode, List<String> stdout, String stderrTail) {
    }
}

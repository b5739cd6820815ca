package io.snapgpu.shell;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a command as a local process and streams its output. Cancelling the stream kills the
 * process (and its children), so an abandoned restic never keeps running behind our back.
 */
public final class LocalProcessRunner {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Process pipes block; they get their own threads rather than the event loop or worker pool. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapgpu-process-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private LocalProcessRunner() {
    }

    public static Multi<ProcessEvent> run(CommandSpec spec) {
        return run(spec, p -> {
        });
    }

    /** As {@link #run(CommandSpec)}, telling {@code started} about the process (so its owner can kill it). */
    public static Multi<ProcessEvent> run(CommandSpec spec, java.util.function.Consumer<ProcessHandle> started) {
        return Multi.createFrom().emitter(emitter -> start(spec, emitter, started));
    }

    private static void start(CommandSpec spec, MultiEmitter<? super ProcessEvent> emitter,
            java.util.function.Consumer<ProcessHandle> started) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        Map<String, String> env = pb.environment();
        // Only what a command needs from ours: no RESTIC_* or AWS_* of the control plane leaks in.
        env.keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("AWS_"));
        env.putAll(spec.env());
        if (spec.workDir() != null) {
            pb.directory(spec.workDir().toFile());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            emitter.fail(new CommandFailedException(spec.display(), -1, e.getMessage(), e));
            return;
        }
        started.accept(process.toHandle());
        try {
            process.getOutputStream().close(); // commands read nothing from us
        } catch (IOException ignored) {
            // already closed
        }
        emitter.onTermination(() -> {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        });
        CountDownLatch streams = new CountDownLatch(2);
        IO.execute(() -> pump(process.getInputStream(), ProcessEvent.Stream.STDOUT, emitter, streams));
        IO.execute(() -> pump(process.getErrorStream(), ProcessEvent.Stream.STDERR, emitter, streams));
        IO.execute(() -> {
            try {
                int code = process.waitFor();
                streams.await();
                emitter.emit(new ProcessEvent.Exit(code));
                emitter.complete();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                emitter.fail(e);
            }
        });
    }

    private static void pump(InputStream in, ProcessEvent.Stream stream, MultiEmitter<? super ProcessEvent> emitter,
            CountDownLatch done) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (emitter.isCancelled()) {
                    break;
                }
                synchronized (emitter) {
                    emitter.emit(new ProcessEvent.Line(stream, line));
                }
            }
        } catch (IOException ignored) {
            // the process was killed: the exit event reports it
        } finally {
            done.countDown();
        }
    }
}

package io.snapgpu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of the S3 server that makes loopback look like a link to R2: each request
 * (client bytes after an idle gap) waits {@code latencyMs}, and each connection's downloads are capped
 * at {@code bytesPerSecond}. Switchable, so setup runs at full speed.
 */
final class ThrottleProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "throttle-proxy");
        t.setDaemon(true);
        return t;
    });
    volatile boolean throttled;
    private final int latencyMs;
    volatile long bytesPerSecond;
    /** Every byte sent back to clients (the downloads), throttled or not: what a restore moved over the link. */
    final java.util.concurrent.atomic.AtomicLong downloaded = new java.util.concurrent.atomic.AtomicLong();

    ThrottleProxy(int targetPort, int latencyMs, long bytesPerSecond) throws IOException {
        this.latencyMs = latencyMs;
        this.bytesPerSecond = bytesPerSecond;
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    threads.execute(() -> pump(client, upstream, true));
                    threads.execute(() -> pump(upstream, client, false));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void pump(Socket from, Socket to, boolean requests) {
        byte[] buf = new byte[64 * 1024];
        long last = 0;
        long windowStart = System.nanoTime();
        long windowBytes = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (throttled) {
                    long now = System.nanoTime();
                    if (requests && now - last > 5_000_000L) {
                        Thread.sleep(latencyMs); // a new request: one round trip to the far end
                    }
                    last = System.nanoTime();
                    if (!requests) {
                        windowBytes += n;
                        long due = windowStart + windowBytes * 1_000_000_000L / bytesPerSecond;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                        if (System.nanoTime() - windowStart > 2_000_000_000L) {
                            windowStart = System.nanoTime();
                            windowBytes = 0;
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
                if (!requests) {
                    downloaded.addAndGet(n);
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

package io.snapgpu.shell.ssh;

/** Where a shell logs in: host and port as the provider reports them, used as given. */
public record SshTarget(String host, int port, String user) {
    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}

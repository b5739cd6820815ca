package io.snapgpu.provider.local;

/** The SSH server of one local machine: the only way in, as on a rented machine. */
interface MachineSshServer extends AutoCloseable {
    /** The loopback port it listens on. */
    int port();

    boolean alive();

    /** Stops the server; commands it started get EOF on stdin, as sshd's do when a connection drops. */
    @Override
    void close();
}

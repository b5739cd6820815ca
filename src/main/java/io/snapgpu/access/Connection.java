package io.snapgpu.access;

import io.snapgpu.provider.ExposedPort;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** How a person gets into a ready machine with their own SSH key. */
@Type("Connection")
public record Connection(String host, int port, String user,
        @Description("The machine's SSH host key (ssh-ed25519 AAAA...) as SnapGPU pinned it; null until SnapGPU has connected since it started") String hostKey,
        @Description("SHA256:... as ssh-keygen -l and ssh's first-connection prompt print it") String hostKeyFingerprint,
        @Description("Ready to paste: ssh -p PORT USER@HOST") String sshCommand,
        @Description("The line for ~/.ssh/known_hosts that pins the host key: [HOST]:PORT TYPE KEY") String knownHostsLine,
        @Description("Other ports the provider exposes (vast.ai's port map, RunPod's proxy URLs)") List<Port> ports) {

    @Type("ExposedPort")
    public record Port(int privatePort, String protocol, String host, Integer publicPort, String url) {
    }

    static Connection of(String host, int port, String user, String hostKey, List<ExposedPort> exposed) {
        String fingerprint = UserKeys.fingerprintOfLine(hostKey);
        String known = hostKey == null ? null : (port == 22 ? host : "[" + host + "]:" + port) + " " + hostKey.strip();
        return new Connection(host, port, user, hostKey, fingerprint, "ssh -p " + port + " " + user + "@" + host, known,
                exposed.stream().map(p -> new Port(p.privatePort(), p.protocol(), p.host(), p.publicPort(), p.url())).toList());
    }
}

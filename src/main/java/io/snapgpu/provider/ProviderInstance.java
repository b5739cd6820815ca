package io.snapgpu.provider;

import java.math.BigDecimal;

/** A machine as its provider reports it. SSH host/port appear once the provider knows them. */
public record ProviderInstance(
        String provider,
        String id,
        String label,
        State state,
        String hostId,
        String sshHost,
        Integer sshPort,
        BigDecimal pricePerHour,
        String statusMessage,
        java.util.List<ExposedPort> ports) {

    public ProviderInstance {
        ports = ports == null ? java.util.List.of() : java.util.List.copyOf(ports);
    }

    /** A machine whose provider reports no ports besides SSH. */
    public ProviderInstance(String provider, String id, String label, State state, String hostId, String sshHost,
            Integer sshPort, BigDecimal pricePerHour, String statusMessage) {
        this(provider, id, label, state, hostId, sshHost, sshPort, pricePerHour, statusMessage, java.util.List.of());
    }

    public ProviderInstance withPorts(java.util.List<ExposedPort> exposed) {
        return new ProviderInstance(provider, id, label, state, hostId, sshHost, sshPort, pricePerHour, statusMessage,
                exposed);
    }

    public enum State {
        /** accepted, not yet placed or pulling the image */
        PROVISIONING,
        /** image being pulled / container starting */
        LOADING,
        /** the provider says it runs (ready also needs a shell probe) */
        RUNNING,
        STOPPED,
        /** failed at the provider */
        FAILED,
        /** the provider no longer has it */
        GONE,
        UNKNOWN
    }

    public static ProviderInstance gone(String provider, String id) {
        return new ProviderInstance(provider, id, null, State.GONE, null, null, null, null, "gone");
    }
}

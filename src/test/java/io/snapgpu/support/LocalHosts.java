package io.snapgpu.support;

import io.snapgpu.provider.local.BootProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import java.util.List;
import java.util.function.Predicate;

/** Picks hosts of the (seeded, so known) test marketplace by how they boot. */
public final class LocalHosts {
    private LocalHosts() {
    }

    public static List<LocalHost> where(LocalProvider provider, Predicate<LocalHost> p) {
        return provider.hosts().values().stream().filter(p).toList();
    }

    public static Predicate<LocalHost> bootsWithin(double seconds) {
        return h -> h.boot().kind() == BootProfile.Kind.BOOTS && h.boot().baseSeconds() <= seconds;
    }

    public static Predicate<LocalHost> kind(BootProfile.Kind kind) {
        return h -> h.boot().kind() == kind;
    }
}

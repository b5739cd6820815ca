package io.snapgpu.config;

import java.net.URI;
import java.util.Locale;

/** Whether an address names this computer only: 127.0.0.0/8, ::1, localhost (no DNS is asked). */
public final class Loopback {
    private Loopback() {
    }

    /** True for a URL whose host is a loopback address; false for any other host or an unreadable URL. */
    public static boolean isLoopbackUrl(String url) {
        if (url == null) {
            return false;
        }
        String host;
        try {
            host = URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && isLoopbackHost(host);
    }

    static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}

package io.snapgpu.security;

import io.snapgpu.config.SnapgpuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per username and per client address in a sliding minute. Per replica: an attacker
 * spreading guesses over N replicas gets N times the budget, still far too little for bcrypt'd
 * passwords.
 */
@ApplicationScoped
public class LoginThrottle {
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public LoginThrottle(SnapgpuConfig config) {
        this(config.auth().loginAttemptsPerMinute(), Clock.systemUTC());
    }

    LoginThrottle(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public boolean blocked(String username, String address) {
        return count("u:" + username) >= perMinute || count("a:" + address) >= perMinute * 4;
    }

    public void failed(String username, String address) {
        add("u:" + username);
        add("a:" + address);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private int count(String key) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            long cutoff = clock.millis() - 60_000;
            while (!d.isEmpty() && d.peekFirst() < cutoff) {
                d.pollFirst();
            }
            return d.size();
        }
    }

    private void add(String key) {
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clock.millis());
        }
        if (failures.size() > 100_000) {
            failures.clear(); // bounded memory under a spray of usernames
        }
    }
}

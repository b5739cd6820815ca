package io.snapgpu.security;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.snapgpu.config.SnapgpuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * The first start creates an admin, so the run command leads straight to a working UI: with a
 * generated password printed once on the console (as notebook servers print a token), or with
 * SNAPGPU_ADMIN_PASSWORD. SNAPGPU_ADMIN_API_KEY, when set, is made a valid key of that admin.
 */
@ApplicationScoped
public class AdminBootstrap {
    public static final String DEFAULT_TENANT = "default";

    private final AccountRepository accounts;
    private final SnapgpuConfig config;

    public AdminBootstrap(AccountRepository accounts, SnapgpuConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    /** Runs at startup, off the event loop. */
    public void run() {
        String username = config.admin().username();
        Optional<String> apiKey = config.admin().apiKey();
        apiKey.ifPresent(k -> {
            if (k.length() < 32 || k.length() > 200 || !k.matches("[A-Za-z0-9_\\-.]+")) {
                throw new ConfigurationException("SNAPGPU_ADMIN_API_KEY must be 32 to 200 characters of"
                        + " letters, digits, _ - . (e.g. `openssl rand -hex 32`)");
            }
        });
        long users = accounts.countUsers().await().atMost(Duration.ofSeconds(30));
        if (users == 0) {
            String password = config.admin().password().orElseGet(Tokens::randomPassword);
            if (config.admin().password().isPresent()) {
                AccountService.checkPassword(password);
            }
            var tenant = accounts.tenantId(DEFAULT_TENANT).await().atMost(Duration.ofSeconds(30));
            accounts.insertUser(tenant, username, Passwords.hash(password), Caller.Role.ADMIN)
                    .await().atMost(Duration.ofSeconds(30));
            if (config.admin().password().isEmpty()) {
                // Deliberately on the console and nowhere else, once: the way in for the person who started it.
                System.out.println("\n  SnapGPU created its first admin.  user: " + username + "   password: " + password
                        + "\n  (shown only now; log in at http://localhost:"
                        + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                .getOptionalValue("quarkus.http.port", Integer.class).orElse(8080)
                        + ")\n");
            }
        }
        apiKey.ifPresent(k -> accounts.findUser(username).await().atMost(Duration.ofSeconds(30)).ifPresentOrElse(
                admin -> accounts.insertApiKey(admin.caller(), "SNAPGPU_ADMIN_API_KEY", k)
                        .await().atMost(Duration.ofSeconds(30)),
                () -> {
                    throw new ConfigurationException("SNAPGPU_ADMIN_API_KEY is set but the admin user '" + username
                            + "' does not exist (SNAPGPU_ADMIN_USERNAME)");
                }));
    }
}

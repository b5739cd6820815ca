package io.snapgpu.restore;

import java.util.List;

/**
 * What makes a workspace usable before the bulk arrives: code, environment and configuration files
 * (restic include patterns). A backup policy's own critical patterns replace these.
 */
public final class CriticalSet {
    public static final List<String> DEFAULT_PATTERNS = List.of("*.py", "*.ipynb", "*.sh", "*.yaml", "*.yml", "*.json",
            "*.toml", "*.cfg", "*.ini", "*.txt", "*.md", "*.lock", "requirements*", "Dockerfile", "Makefile", ".env*",
            ".git*");

    private CriticalSet() {
    }

    public static List<String> patterns(String[] fromPolicy) {
        return fromPolicy == null || fromPolicy.length == 0 ? DEFAULT_PATTERNS : List.of(fromPolicy);
    }
}

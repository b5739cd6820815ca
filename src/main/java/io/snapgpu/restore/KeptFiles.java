package io.snapgpu.restore;

import io.snapgpu.restic.ResticPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a restore onto an existing workspace leaves alone: files the machine's backup policy never
 * backs up. restic's {@code --delete} removes whatever the snapshot lacks, and a snapshot lacks both
 * what the policy excludes and what lies outside its include paths, so both become exclude patterns
 * of the restore (restic takes no include and exclude patterns together, so the include paths are
 * written as excludes: everything at a level, then {@code !} each path that leads to an included one).
 */
public final class KeptFiles {
    private KeptFiles() {
    }

    /** The restore's exclude patterns for a policy's include paths (absolute, "/" = all) and excludes. */
    public static List<String> patterns(List<String> includePaths, List<String> excludePatterns) {
        List<String> out = new ArrayList<>();
        Node scope = new Node();
        scope.whole = includePaths.isEmpty();
        for (String p : includePaths) {
            Node n = scope;
            for (String element : p.split("/")) {
                if (!element.isEmpty()) {
                    n = n.children.computeIfAbsent(element, e -> new Node());
                }
            }
            n.whole = true;
        }
        outside(scope, "", out);
        out.addAll(excludePatterns);
        return out;
    }

    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        boolean whole;
    }

    /** Every entry of {@code dir} but the ones leading to an included path; the same below each of those. */
    private static void outside(Node dir, String path, List<String> out) {
        if (dir.whole) {
            return;
        }
        out.add(path + "/*");
        dir.children.keySet().forEach(name -> out.add("!" + path + "/" + ResticPatterns.literal(name)));
        dir.children.forEach((name, child) -> outside(child, path + "/" + ResticPatterns.literal(name), out));
    }
}

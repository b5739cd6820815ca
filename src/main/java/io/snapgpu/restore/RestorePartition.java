package io.snapgpu.restore;

import io.snapgpu.restic.ResticPatterns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a snapshot's tree into disjoint parts of about the same weight, one per restic process:
 * the root's entries first, then the heaviest directory replaced by its entries, until no part is
 * heavier than its share (or the number of parts would exceed a bound, which keeps restic's argument
 * vector short). A single file is never split. restic 0.14 takes no include and exclude patterns
 * together, so each process gets the <em>other</em> parts as anchored exclude patterns.
 */
public final class RestorePartition {
    /** What a file costs besides its bytes (creating it, its metadata): keeps 20k small files from looking free. */
    static final long PER_FILE_WEIGHT = 16 * 1024;

    /** A snapshot tree aggregated down to {@code maxDepth}: deeper entries count towards their ancestor there. */
    public static final class Tree {
        final Node root = new Node("", true);
        private final int maxDepth;

        public Tree(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        /** One entry of {@code restic ls --json}: its absolute path in the snapshot, whether a dir, file size. */
        public void add(String path, boolean dir, long size) {
            List<String> parts = new ArrayList<>();
            for (String part : path.split("/")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            long w = dir ? 0 : size + PER_FILE_WEIGHT;
            root.weight += w;
            Node n = root;
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < parts.size() && i < maxDepth; i++) {
                p.append('/').append(parts.get(i));
                boolean last = i == parts.size() - 1;
                Node child = n.children.get(parts.get(i));
                if (child == null) {
                    child = new Node(p.toString(), !last || dir);
                    n.children.put(parts.get(i), child);
                }
                child.weight += w;
                n = child;
            }
        }
    }

    static final class Node {
        final String path;
        final boolean dir;
        final Map<String, Node> children = new LinkedHashMap<>();
        long weight;

        Node(String path, boolean dir) {
            this.path = path;
            this.dir = dir;
        }
    }

    private RestorePartition() {
    }

    /**
     * Up to {@code parts} groups of anchored snapshot paths ({@code /data/shard-1}), disjoint, covering
     * every entry but the directories above them, balanced by weight; fewer where the tree has fewer
     * entries. At most {@code maxEntries} paths in all.
     */
    public static List<List<String>> split(Tree tree, int parts, int maxEntries) {
        List<Node> units = new ArrayList<>(tree.root.children.values());
        if (parts <= 1 || units.isEmpty()) {
            return List.of(units.stream().map(n -> n.path).toList());
        }
        long share = Math.max(1, tree.root.weight / parts);
        while (true) {
            Node heaviest = units.stream().filter(n -> n.dir && !n.children.isEmpty())
                    .max(Comparator.comparingLong(n -> n.weight)).orElse(null);
            if (heaviest == null || heaviest.weight <= share / 2
                    || units.size() - 1 + heaviest.children.size() > maxEntries) {
                break;
            }
            units.remove(heaviest);
            units.addAll(heaviest.children.values());
        }
        units.sort(Comparator.comparingLong((Node n) -> n.weight).reversed().thenComparing(n -> n.path));
        long[] load = new long[Math.min(parts, units.size())];
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < load.length; i++) {
            groups.add(new ArrayList<>());
        }
        for (Node u : units) {
            int lightest = 0;
            for (int i = 1; i < load.length; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            load[lightest] += u.weight;
            groups.get(lightest).add(u.path);
        }
        return groups;
    }

    /** The exclude patterns of group {@code g}: every other group's paths, glob characters escaped. */
    public static List<String> excludesFor(List<List<String>> groups, int g) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (i != g) {
                groups.get(i).forEach(p -> out.add(ResticPatterns.literal(p)));
            }
        }
        return out;
    }
}

package io.snapgpu.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorePartitionTest {
    private static RestorePartition.Tree workspace() {
        RestorePartition.Tree t = new RestorePartition.Tree(4);
        t.add("/checkpoints", true, 0);
        for (int i = 0; i < 6; i++) {
            t.add("/checkpoints/model-" + i + ".bin", false, 190_000_000);
        }
        t.add("/data", true, 0);
        for (int s = 0; s < 100; s++) {
            t.add("/data/shard-" + s, true, 0);
            for (int i = 0; i < 200; i++) {
                t.add("/data/shard-" + s + "/item-" + i + ".bin", false, 38_000);
            }
        }
        t.add("/code", true, 0);
        t.add("/code/train.py", false, 50_000);
        t.add("/README.md", false, 1_000);
        return t;
    }

    @Test
    void oneProcessGetsTheWholeTree() {
        assertEquals(List.of(List.of("/checkpoints", "/data", "/code", "/README.md")),
                RestorePartition.split(workspace(), 1, 256));
    }

    @Test
    void partsAreDisjointCoverEverythingAndAreBalanced() {
        RestorePartition.Tree t = workspace();
        List<List<String>> groups = RestorePartition.split(t, 3, 256);
        assertEquals(3, groups.size());
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        groups.forEach(all::addAll);
        all.forEach(p -> assertTrue(seen.add(p), "disjoint: " + p));
        // every file lies in exactly one part
        for (String file : List.of("/checkpoints/model-0.bin", "/data/shard-7/item-3.bin", "/code/train.py", "/README.md")) {
            long owners = all.stream().filter(p -> file.equals(p) || file.startsWith(p + "/")).count();
            assertEquals(1, owners, file + " in " + groups);
        }
        long total = t.root.weight;
        for (List<String> g : groups) {
            long w = g.stream().mapToLong(p -> weightOf(t, p)).sum();
            assertTrue(Math.abs(w - total / 3.0) < total * 0.1, "balanced: " + w + " of " + total);
        }
    }

    @Test
    void aBoundOnPathsStopsTheSplitting() {
        List<List<String>> groups = RestorePartition.split(workspace(), 4, 10);
        assertTrue(groups.stream().mapToInt(List::size).sum() <= 10, groups.toString());
    }

    @Test
    void fewerPartsThanProcessesWhenTheTreeHasFewEntries() {
        RestorePartition.Tree t = new RestorePartition.Tree(4);
        t.add("/model.bin", false, 1_000_000_000);
        assertEquals(List.of(List.of("/model.bin")), RestorePartition.split(t, 4, 256));
    }

    @Test
    void excludesAreTheOtherPartsWithGlobCharactersQuoted() {
        List<List<String>> groups = List.of(List.of("/a"), List.of("/b[1]", "/c*"), List.of("/d"));
        assertEquals(List.of("/b\\[1\\]", "/c\\*", "/d"), RestorePartition.excludesFor(groups, 0));
        assertEquals(List.of("/a", "/d"), RestorePartition.excludesFor(groups, 1));
    }

    private static long weightOf(RestorePartition.Tree t, String path) {
        RestorePartition.Node n = t.root;
        for (String part : path.substring(1).split("/")) {
            n = n.children.get(part);
        }
        return n.weight;
    }
}

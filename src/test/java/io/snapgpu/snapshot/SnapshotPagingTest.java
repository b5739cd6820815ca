package io.snapgpu.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.support.TestAuth;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The snapshot listing's pages, on rows written straight into PostgreSQL (a listing reads rows; no
 * restic run is needed to make them): cursor pages cover every listed snapshot once, newest first,
 * ties in time broken by id; a bad cursor is refused naming the field; each tenant sees only its own.
 */
@QuarkusTest
class SnapshotPagingTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final String PAGE = "query($after: String, $limit: Int, $dedupe: Boolean) { snapshots(after: $after,"
            + " limit: $limit, dedupe: $dedupe) { id sameContentCount cursor } }";

    @Inject
    Pool pool;

    record Row(UUID id, OffsetDateTime createdAt, String status, String treeHash) {
    }

    private static String tenantOf(String key) {
        return TestAuth.bearer(key).get("/api/v1/auth/me").then().statusCode(200).extract().path("tenant_id");
    }

    /** {@code n} snapshots of the tenant, some sharing a creation time (to the microsecond), some deleted. */
    private List<Row> insert(String tenant, int n) {
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String status = i % 10 == 3 ? "DELETED" : i % 7 == 0 ? "FAILED" : "SUCCEEDED";
            rows.add(new Row(UUID.randomUUID(), base.minusSeconds(i / 3), status, "tree-" + (i % 4)));
        }
        for (Row r : rows) {
            pool.preparedQuery("insert into snapshot (id, tenant_id, kind, status, tree_hash, created_at)"
                    + " values ($1, $2, 'MANUAL', $3, $4, $5)")
                    .execute(Tuple.of(r.id(), UUID.fromString(tenant), r.status(), r.treeHash(), r.createdAt()))
                    .await().atMost(T);
        }
        return rows;
    }

    /** Newest first, then by id as PostgreSQL orders uuids (their bytes: the hex text's order). */
    private static List<String> expectedOrder(List<Row> rows) {
        return rows.stream().filter(r -> !r.status().equals("DELETED"))
                .sorted(Comparator.comparing(Row::createdAt).thenComparing(r -> r.id().toString()).reversed())
                .map(r -> r.id().toString()).toList();
    }

    private static JsonPath gql(String key, String after, int limit, boolean dedupe) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("after", after);
        vars.put("limit", limit);
        vars.put("dedupe", dedupe);
        return TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql(PAGE, vars)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Every page of the GraphQL listing, following each page's last cursor; the ids in order. */
    private static List<String> allPages(String key, int limit, boolean dedupe) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath page = gql(key, after, limit, dedupe);
            List<Map<String, Object>> items = page.getList("data.snapshots");
            assertTrue(page.getList("errors") == null, () -> page.prettify());
            if (items.isEmpty()) {
                return ids;
            }
            items.forEach(s -> ids.add((String) s.get("id")));
            after = (String) items.get(items.size() - 1).get("cursor");
        }
        throw new AssertionError("the listing never ended");
    }

    @Test
    void cursorPagesCoverEverySnapshotOnceInOrder() {
        String key = TestAuth.userKey("pager-" + System.nanoTime() % 1_000_000, "tenant-pager-" + System.nanoTime());
        List<Row> rows = insert(tenantOf(key), 130);
        List<String> expected = expectedOrder(rows);

        List<String> byCursor = allPages(key, 25, false);
        assertEquals(expected, byCursor, "GraphQL cursor pages");
        assertEquals(byCursor.size(), new HashSet<>(byCursor).size(), "no snapshot twice");

        // REST: the same pages through ?after=
        List<String> rest = new ArrayList<>();
        String after = null;
        while (true) {
            var req = TestAuth.bearer(key).queryParam("limit", 40);
            if (after != null) {
                req = req.queryParam("after", after);
            }
            List<Map<String, Object>> items = req.get("/api/v1/snapshots").then().statusCode(200).extract().jsonPath()
                    .getList("$");
            if (items.isEmpty()) {
                break;
            }
            items.forEach(s -> rest.add((String) s.get("id")));
            after = (String) items.get(items.size() - 1).get("cursor");
        }
        assertEquals(expected, rest, "REST cursor pages");

        // offsets still work for older clients, and agree
        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += 30) {
            List<Map<String, Object>> items = TestAuth.bearer(key).queryParam("offset", offset).queryParam("limit", 30)
                    .get("/api/v1/snapshots").then().statusCode(200).extract().jsonPath().getList("$");
            items.forEach(s -> byOffset.add((String) s.get("id")));
        }
        assertEquals(expected, byOffset, "offset pages");

        // deduped: cursor pages of 2 give what one big page gives, counts included
        JsonPath whole = gql(key, null, 500, true);
        List<String> dedupedWhole = whole.getList("data.snapshots.id");
        assertEquals(4, dedupedWhole.size(), "one per tree hash");
        assertEquals(dedupedWhole, allPages(key, 2, true));
        assertEquals(expected.size(), whole.getList("data.snapshots.sameContentCount", Integer.class).stream()
                .mapToInt(Integer::intValue).sum(), "the counts add up to every listed snapshot");
    }

    @Test
    void aBadCursorIsRefusedNamingTheField() {
        String key = TestAuth.userKey("badcursor-" + System.nanoTime() % 1_000_000, "tenant-bad-" + System.nanoTime());
        insert(tenantOf(key), 3);
        for (String bad : List.of("garbage!", "bm90LWEtY3Vyc29y", "x".repeat(200))) {
            JsonPath r = gql(key, bad, 10, false);
            String message = r.getString("errors[0].message");
            assertTrue(message != null && message.startsWith("after: ") && message.contains("cursor"), r.prettify());
            TestAuth.bearer(key).queryParam("after", bad).get("/api/v1/snapshots").then().statusCode(400)
                    .body("field", org.hamcrest.Matchers.equalTo("after"));
        }
        String cursor = gql(key, null, 1, false).getString("data.snapshots[0].cursor");
        TestAuth.bearer(key).queryParam("after", cursor).queryParam("offset", 5).get("/api/v1/snapshots").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("offset"));
    }

    @Test
    void eachTenantPagesOnlyThroughItsOwnSnapshots() {
        long n = System.nanoTime();
        String a = TestAuth.userKey("scope-a-" + n % 1_000_000, "tenant-scope-a-" + n);
        String b = TestAuth.userKey("scope-b-" + n % 1_000_000, "tenant-scope-b-" + n);
        List<Row> rowsA = insert(tenantOf(a), 40);
        List<Row> rowsB = insert(tenantOf(b), 12);
        assertEquals(expectedOrder(rowsA), allPages(a, 7, false));
        assertEquals(expectedOrder(rowsB), allPages(b, 5, false));
        // A's cursor in B's listing pages through B's snapshots only
        String cursorOfA = gql(a, null, 1, false).getString("data.snapshots[0].cursor");
        List<String> seenByB = gql(b, cursorOfA, 500, false).getList("data.snapshots.id");
        assertFalse(seenByB.isEmpty());
        assertTrue(expectedOrder(rowsB).containsAll(seenByB), "only B's");
    }
}

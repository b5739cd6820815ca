package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** launchRaceProgress over WebSocket (graphql-transport-ws): the state, then every event in order, then complete. */
@QuarkusTest
class LaunchRaceSubscriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION = """
            subscription($id: ID!) { launchRaceProgress(id: $id) {
              type seq terminal raceStatus wave hosts hostId candidateStatus terminationReason cost losersCost
              race { id status candidates { hostId } } } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    /** A graphql-transport-ws client: every message received, in order. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(URI graphql, String key) throws Exception {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .header("Authorization", "Bearer " + key)
                    .buildAsync(URI.create(graphql.toString().replaceFirst("^http", "ws")), c).get(10, TimeUnit.SECONDS);
            c.send(Map.of("type", "connection_init"));
            assertEquals("connection_ack", c.next().path("type").asText());
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(Object message) throws Exception {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(30, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 30 s");
            return m;
        }

        /** Subscribes and returns every {@code next} payload until {@code complete}. */
        List<JsonNode> subscribe(String raceId) throws Exception {
            send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", SUBSCRIPTION,
                    "variables", Map.of("id", raceId))));
            List<JsonNode> items = new ArrayList<>();
            while (true) {
                JsonNode m = next();
                String type = m.path("type").asText();
                if (type.equals("complete")) {
                    return items;
                }
                if (type.equals("ping") || type.equals("pong")) {
                    // the protocol's keep-alive may come at any time (a slow race on a loaded machine)
                    if (type.equals("ping")) {
                        send(Map.of("type", "pong"));
                    }
                    continue;
                }
                assertEquals("next", type, m.toString());
                assertTrue(m.path("payload").path("errors").isMissingNode(), m.toString());
                items.add(m.path("payload").path("data").path("launchRaceProgress"));
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    void theSubscriptionSendsTheStateThenEveryEventInOrderAndCompletes() throws Exception {
        String key = Races.user("watcher");
        // a timeout of 60 s here: readiness includes the machines' bootstrap over SSH, in real time, and
        // this test is about the stream's order, not about how fast a loaded machine boots
        String id = Races.start(key, Map.of("policy", Map.of("timeoutSeconds", 6000)));
        Client client = Client.open(graphql, key);
        List<JsonNode> items = client.subscribe(id);
        client.close();

        assertEquals("STATE", items.get(0).path("type").asText(), items.toString());
        assertEquals(id, items.get(0).path("race").path("id").asText());
        List<String> types = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            assertEquals(i, items.get(i).path("seq").asInt(), "every event, in order: " + items);
            types.add(items.get(i).path("type").asText());
        }
        assertEquals("WAVE_LAUNCHED", types.get(0));
        assertEquals("RACE_FINISHED", types.get(types.size() - 1), Races.get(key, id).prettify());
        assertTrue(items.get(items.size() - 1).path("terminal").asBoolean());
        assertEquals("WON", items.get(items.size() - 1).path("raceStatus").asText());
        int winner = types.indexOf("WINNER_CHOSEN");
        assertTrue(winner > 0, types.toString());
        assertTrue(types.contains("CANDIDATE_STATE"), types.toString());
        assertTrue(types.lastIndexOf("LOSER_DESTROYED") > winner && types.indexOf("LOSER_DESTROYED") > winner,
                "losers are destroyed after the winner is chosen: " + types);
        for (JsonNode e : items) {
            if (e.path("type").asText().equals("LOSER_DESTROYED")) {
                assertEquals("LOST_RACE", e.path("terminationReason").asText());
                assertTrue(e.path("cost").isNumber(), e.toString());
            }
        }

        // subscribing after the end replays the same story and completes
        Client late = Client.open(graphql, key);
        List<JsonNode> replay = late.subscribe(id);
        late.close();
        assertEquals(items.size(), replay.size());
        assertEquals("WON", replay.get(0).path("race").path("status").asText());

        // another tenant's race streams nothing
        Client other = Client.open(graphql, Races.user("snoop"));
        assertEquals(List.of(), other.subscribe(id));
        other.close();

        JsonPath race = Races.awaitFinished(key, id);
        Races.release(key, race);
    }
}

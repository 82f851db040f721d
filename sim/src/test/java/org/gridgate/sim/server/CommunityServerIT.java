package org.gridgate.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.Await;
import org.gridgate.testing.MqttSubscriber;
import org.junit.jupiter.api.Test;

/** The stand-in drops duplicates, sees a gap and asks the gate, on its command topic, to resend it. */
class CommunityServerIT {
    private static byte[] record(String id, long seq) {
        return ("{\"v\":1,\"id\":\"" + id + "\",\"seq\":" + seq
                + ",\"gate\":\"g1\",\"community\":\"c\",\"kind\":\"passage\",\"at\":\"2026-03-01T08:00:00Z\","
                + "\"outcome\":\"granted\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dropsDuplicatesAndRequestsAResendOfAGap() throws Exception {
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                CommunityServer server = new CommunityServer(broker.uri(), "gridgate", "c");
                // shared: it retries a first connection that Moquette drops before its SUBACK
                MqttSubscriber gate = MqttSubscriber.into(r -> commands.add(new String(r.payload(),
                        StandardCharsets.UTF_8)), broker.uri(), "g1", true, "gridgate/c/g1/command")) {
            org.gridgate.sim.pass.CommunityKey key = org.gridgate.sim.pass.CommunityKey.generate();
            server.signWith(key.kid(), key.pair().getPrivate());
            gate.publish("gridgate/c/g1/passage", record("a", 1), false);
            gate.publish("gridgate/c/g1/passage", record("a", 1), false); // resent after a reconnect
            gate.publish("gridgate/c/g1/passage", record("b", 2), false);
            gate.publish("gridgate/c/g1/passage", record("e", 5), false);

            String command = commands.poll(30, TimeUnit.SECONDS);
            assertNotNull(command, "a resend request on the gate's command topic");
            // What the gate does with it: verify the envelope with the root key, then parse the command.
            var verified = org.gridgate.command.SignedEnvelope.verify(command.getBytes(StandardCharsets.UTF_8),
                    org.gridgate.command.RootKeys.of(List.of(key.rootKey())));
            var parsed = org.gridgate.command.Command.parse(verified.payload());
            assertEquals("g1", parsed.gate());
            assertEquals(new org.gridgate.command.Command.Resend(3, 4), parsed.action());
            Await.until(java.time.Duration.ofSeconds(30), "three unique records", () -> server.uniqueTotal() == 3);
            assertEquals(1, server.duplicates());
            GateTally.Row row = server.table().get(0);
            assertEquals(List.of(new GateTally.Gap(3, 4)), row.gaps());

            gate.publish("gridgate/c/g1/passage", record("c", 3), false);
            gate.publish("gridgate/c/g1/passage", record("d", 4), false);
            Await.until(java.time.Duration.ofSeconds(30), "gap filled", () -> server.table().get(0).gaps().isEmpty());
            assertEquals(5, server.table().get(0).passages());
        }
    }
}

package org.gridgate.uplink.mqtt;

import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.RecordKind;

/**
 * The topic tree of one gate (see docs/mqtt.md): records and status under
 * {@code <root>/<community>/<gate>/}, community-wide inbound data under {@code <root>/<community>/}.
 * Gate and community ids are validated by the config loader to be safe topic levels.
 */
record Topics(String root, String community, String gate) {
    static Topics of(String root, GateIdentity id) {
        return new Topics(root, id.community(), id.id());
    }

    String record(RecordKind kind) {
        return gatePrefix() + kind.topicLevel();
    }

    String status() {
        return gatePrefix() + "status";
    }

    String commandResult() {
        return gatePrefix() + "command/result";
    }

    /** Inbound subscriptions, topic → channel name handed to {@code Inbound}. */
    Map<String, String> inbound() {
        String c = root + "/" + community + "/";
        return Map.of(
                c + "roster", "roster",
                c + "trust", "trust",
                c + "revocations", "revocations",
                gatePrefix() + "command", "command");
    }

    /**
     * The topic filters the gate subscribes to: one for the community's documents
     * ({@code <root>/<community>/+} covers roster, trust and revocations, and no gate's own topics,
     * which are a level deeper) and one for this gate's commands. Two subscriptions, not one per
     * channel: on a clustered broker each QoS 1 subscription of a persistent session is a replicated
     * consumer (NATS makes one per subscription), so a district's fleet costs the brokers half as
     * much. What arrives on a topic that is not in {@link #inbound()} is ignored.
     */
    String[] subscriptions() {
        return new String[] {root + "/" + community + "/+", gatePrefix() + "command"};
    }

    private String gatePrefix() {
        return root + "/" + community + "/" + gate + "/";
    }
}

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

    private String gatePrefix() {
        return root + "/" + community + "/" + gate + "/";
    }
}

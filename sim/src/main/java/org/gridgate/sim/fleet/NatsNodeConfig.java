package org.gridgate.sim.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where nats-server is, and one node's configuration: loopback listeners, JetStream in the node's
 * folder, routes to every node, one JetStream-enabled account for gates and servers, MQTT with
 * replicated sessions, retained and QoS 1 messages. docs/server.md shows the same file for a real
 * district.
 */
final class NatsNodeConfig {
    private NatsNodeConfig() {}

    /** Where the broker's executable is looked for (Debian installs it in /usr/bin). */
    static Optional<String> executable() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, "nats-server");
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Writes {@code home/nats.conf} for node {@code index} of {@code nodes}. */
    static void write(Path home, int index, List<NatsCluster.Node> nodes, int replicas) throws IOException {
        NatsCluster.Node n = nodes.get(index);
        String routes = nodes.stream().map(o -> "nats-route://127.0.0.1:" + o.clusterPort())
                .collect(Collectors.joining(", "));
        Files.writeString(home.resolve("nats.conf"), String.join("\n",
                "# written by gridgate's NatsCluster: node " + (index + 1) + " of " + nodes.size(),
                "server_name: " + n.name(),
                "listen: 127.0.0.1:" + n.clientPort(),
                "http: 127.0.0.1:" + n.httpPort(),
                // Generous payload and connection limits: a district's gates all connect here.
                "max_connections: 65536",
                "jetstream {",
                "  store_dir: \"" + home.resolve("jetstream") + "\"",
                "  max_memory_store: 256MB",
                "  max_file_store: 8GB",
                "}",
                nodes.size() == 1 ? "# a single node: no cluster" : String.join("\n",
                        "cluster {",
                        "  name: gridgate",
                        "  listen: 127.0.0.1:" + n.clusterPort(),
                        "  routes: [" + routes + "]",
                        "}"),
                // Gates and servers share one JetStream-enabled account; on loopback without credentials
                // (no_auth_user), in production with a user per gate and TLS (see docs/server.md).
                "accounts {",
                "  GRIDGATE { jetstream: enabled, users: [ { user: gate, password: \"loopback-only\" } ] }",
                "  SYS { users: [ { user: sys, password: \"loopback-only\" } ] }",
                "}",
                "system_account: SYS",
                "no_auth_user: gate",
                "mqtt {",
                "  listen: 127.0.0.1:" + n.mqttPort(),
                "  stream_replicas: " + replicas,
                "  consumer_replicas: " + replicas,
                // How long a QoS 1 message to a subscriber waits for its PUBACK before it is sent again.
                "  ack_wait: \"30s\"",
                "  max_ack_pending: 1024",
                "}",
                ""));
    }
}

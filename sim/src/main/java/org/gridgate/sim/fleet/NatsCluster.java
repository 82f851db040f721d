package org.gridgate.sim.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A NATS cluster of Debian's {@code nats-server} (2.9) on loopback: every node speaks MQTT 3.1.1,
 * JetStream keeps MQTT sessions, retained messages and QoS 1 messages with {@code replicas} copies,
 * and clients land in one JetStream-enabled account ({@code GRIDGATE}) without credentials. Each
 * node has its own folder under {@code dir} (config, log, JetStream store), so a node that is killed
 * and started again comes back with its data, like a real server after a crash.
 *
 * <p>Used by {@code sim fleet} and, as the shared fixture, by the integration tests.
 */
public final class NatsCluster implements AutoCloseable {
    /** One node's ports. */
    public record Node(String name, int clientPort, int clusterPort, int mqttPort, int httpPort) {
        public String mqttUri() {
            return "tcp://127.0.0.1:" + mqttPort;
        }

        public String natsUrl() {
            return "nats://127.0.0.1:" + clientPort;
        }
    }

    private static final Duration READY = Duration.ofSeconds(60);
    private final String exe;
    private final Path dir;
    private final List<Node> nodes;
    private final Process[] processes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Stops the nodes when the JVM is stopped (SIGTERM, Ctrl-C) before {@link #close}. */
    private final Thread onExit = new Thread(this::stopNodes, "nats-cluster-exit");

    private NatsCluster(String exe, Path dir, List<Node> nodes) {
        this.exe = exe;
        this.dir = dir;
        this.nodes = List.copyOf(nodes);
        this.processes = new Process[nodes.size()];
    }

    /**
     * Writes the configs and starts {@code size} nodes; returns once every node reports JetStream
     * healthy.
     *
     * @param replicas copies of MQTT streams (sessions, retained, QoS 1 messages) and consumers
     */
    public static NatsCluster start(Path dir, int size, int replicas) throws IOException {
        String exe = NatsNodeConfig.executable().orElseThrow(() -> new IOException(
                "nats-server is not installed (apt-get install nats-server)"));
        if (size < 1 || replicas < 1 || replicas > size) {
            throw new IllegalArgumentException("need 1 <= replicas <= size, got " + replicas + " of " + size);
        }
        // A port another process took between our check and the node's bind: new ports, once more.
        for (int attempt = 1; ; attempt++) {
            Path home = attempt == 1 ? dir : dir.resolve("attempt-" + attempt);
            try {
                return start(exe, home, size, replicas);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A node could not listen on one of its ports. */
    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static NatsCluster start(String exe, Path dir, int size, int replicas) throws IOException {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            nodes.add(new Node("n" + i, freePort(), freePort(), freePort(), freePort()));
        }
        NatsCluster c = new NatsCluster(exe, dir, nodes);
        Runtime.getRuntime().addShutdownHook(c.onExit);
        for (int i = 0; i < size; i++) {
            NatsNodeConfig.write(Files.createDirectories(dir.resolve(nodes.get(i).name())), i, nodes, replicas);
        }
        try {
            for (int i = 0; i < size; i++) {
                c.launch(i);
            }
            c.awaitHealthy();
            c.createMqttStreams();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The MQTT listeners of every node, in node order: what a gate lists in {@code mqtt.uris}. */
    public List<String> mqttUris() {
        return nodes.stream().map(Node::mqttUri).toList();
    }

    /** The NATS client URLs of every node (for JetStream consumers). */
    public List<String> natsUrls() {
        return nodes.stream().map(Node::natsUrl).toList();
    }

    /** Index of the node whose MQTT listener is {@code uri}, or -1. */
    public int indexOfMqtt(String uri) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).mqttUri().equals(uri)) {
                return i;
            }
        }
        return -1;
    }

    public boolean running(int node) {
        return processes[node] != null && processes[node].isAlive();
    }

    /** The process id of a running node. */
    public java.util.OptionalLong pid(int node) {
        return running(node) ? java.util.OptionalLong.of(processes[node].pid()) : java.util.OptionalLong.empty();
    }

    /** SIGKILL: the node dies as in a power cut, without closing its connections cleanly. */
    public void kill(int node) throws InterruptedException {
        Process p = processes[node];
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts a stopped node again on its folder and returns once it accepts MQTT connections; it
     * catches up with the JetStream state it missed in the background (its health check says
     * "not current" until then).
     */
    public void restart(int node) throws IOException {
        if (running(node)) {
            return;
        }
        launch(node);
        long deadline = System.nanoTime() + READY.toNanos();
        while (!mqttListening(nodes.get(node).mqttPort())) {
            if (!processes[node].isAlive() || System.nanoTime() - deadline > 0) {
                throw new IOException("nats-server " + nodes.get(node).name() + " did not come back; see " + log(node));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Waits until every running node answers {@code /healthz} (JetStream current) with 200. */
    public void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + READY.toNanos();
        for (int i = 0; i < nodes.size(); i++) {
            if (processes[i] == null) {
                continue;
            }
            while (!healthy(i)) {
                if (!processes[i].isAlive()) {
                    String why = "nats-server " + nodes.get(i).name() + " exited with " + processes[i].exitValue()
                            + "; see " + log(i);
                    throw portTaken(i) ? new PortTaken(why + " (a port was taken)") : new IOException(why);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("nats-server " + nodes.get(i).name() + " not healthy after " + READY
                            + "; see " + log(i));
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private boolean portTaken(int node) {
        try {
            return Files.readString(log(node)).contains("address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    public Path log(int node) {
        return dir.resolve(nodes.get(node).name()).resolve("nats.log");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running this
        }
        stopNodes();
    }

    private void stopNodes() {
        for (int i = 0; i < processes.length; i++) {
            Process p = processes[i];
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /**
     * NATS creates its MQTT streams (sessions, retained and QoS 1 messages) when the first MQTT client
     * connects; the server's consumer sits on one of them and must exist before gates publish.
     */
    private void createMqttStreams() throws IOException {
        try {
            org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(
                    nodes.getFirst().mqttUri(), "gridgate-cluster-setup",
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setConnectionTimeout(30);
            c.connect(o);
            c.disconnect(5_000);
            c.close(true);
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IOException("first MQTT connection to " + nodes.getFirst().mqttUri() + " failed: " + e, e);
        }
    }

    private boolean healthy(int node) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nodes.get(node).httpPort() + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && mqttListening(nodes.get(node).mqttPort());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean mqttListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void launch(int node) throws IOException {
        Path home = dir.resolve(nodes.get(node).name());
        processes[node] = new ProcessBuilder(exe, "-c", home.resolve("nats.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()))
                .start();
    }

    private static int freePort() {
        return org.gridgate.testing.FreePort.find(); // below the ephemeral range: see there why
    }
}

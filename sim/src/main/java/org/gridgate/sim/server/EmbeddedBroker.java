package org.gridgate.sim.server;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/**
 * Moquette on loopback for the demo and the bench: no persistence, no telemetry, anonymous
 * clients. A real compound runs a real broker; this one stands in for it.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /** Starts on {@code port}, or on a free port if 0. */
    public static EmbeddedBroker start(int port) throws IOException {
        int p = port == 0 ? freePort() : port;
        Properties props = new Properties();
        props.setProperty("host", "127.0.0.1");
        props.setProperty("port", Integer.toString(p));
        props.setProperty("websocket_port", "disabled");
        props.setProperty("allow_anonymous", "true");
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("netty.mqtt.message_size", Integer.toString(8 * 1024 * 1024));
        EmbeddedBroker b = new EmbeddedBroker(p);
        b.server.startServer(new MemoryConfig(props));
        return b;
    }

    public static int freePort() throws IOException {
        return org.gridgate.testing.FreePort.find();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}

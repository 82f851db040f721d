package org.gridgate.uplink.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Moquette 0.17 in memory on 127.0.0.1:{@code port}; no telemetry, no persistence, no websocket. */
final class MoquetteBroker implements AutoCloseable {
    private final Server server = new Server();

    MoquetteBroker(int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("buffer_flush_millis", "0");
        p.setProperty("netty.mqtt.message_size", "1048576");
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stopServer();
    }
}

package org.gridgate.uplink.mqtt;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a broker whose connections the test can cut at will: the network
 * flapping while the broker itself stays up. It can also swallow the broker's PUBACKs while it
 * relays everything else (a broker that takes publishes and never acknowledges them), and it can
 * hang up on every new connection at once, noting when each came (the broker gone, as a client
 * that keeps trying sees it).
 */
final class FlakyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean swallowAcks;
    private volatile boolean hangUp;
    private final List<Long> hungUp = new CopyOnWriteArrayList<>();

    FlakyProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the broker's PUBACKs are dropped (or, with false, relayed again). */
    void swallowAcks(boolean on) {
        swallowAcks = on;
    }

    /** From now on every new connection is closed as soon as it is accepted (with false, relayed again). */
    void hangUp(boolean on) {
        hangUp = on;
    }

    /** When ({@link System#nanoTime}) each connection that was hung up on was accepted, in order. */
    List<Long> hungUp() {
        return List.copyOf(hungUp);
    }

    /** Drops every connection now open; new ones are accepted again right away. */
    void cut() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed: the loop ends
            }
            if (hangUp) {
                hungUp.add(System.nanoTime());
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> relayPackets(upstream, client));
            } catch (IOException e) {
                closeQuietly(client); // the broker refused: the client sees a dropped connection
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Broker to client, one MQTT packet at a time, leaving out PUBACKs while {@link #swallowAcks}. */
    private void relayPackets(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
                OutputStream out = to.getOutputStream()) {
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                ByteArrayOutputStream packet = new ByteArrayOutputStream();
                packet.write(type);
                int length = 0;
                for (int shift = 0; ; shift += 7) { // the remaining length: 1 to 4 bytes, 7 bits each
                    int b = in.readUnsignedByte();
                    packet.write(b);
                    length |= (b & 0x7f) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                byte[] body = new byte[length];
                in.readFully(body);
                packet.write(body);
                if (swallowAcks && (type >> 4) == 4) {
                    continue;
                }
                out.write(packet.toByteArray());
                out.flush();
            }
        } catch (IOException e) {
            // cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}

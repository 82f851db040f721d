package org.gridgate.sim.perf.decision;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The console flood of issue 20, as its own process (so its sockets and threads are not the gate's):
 * keeps up to {@code connections} half-sent {@code GET / HTTP/1.1} requests open against a console,
 * opening a new one whenever the server closes one, until it is killed. Prints {@code opened N}
 * every second.
 */
public final class FloodClient {
    private static final byte[] HALF = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    private FloodClient() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        Deque<Socket> open = new ArrayDeque<>();
        long opened = 0;
        long report = System.nanoTime();
        while (true) {
            open.removeIf(Socket::isClosed);
            while (open.size() < connections) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(host, port), 1_000);
                    s.setSoTimeout(1);
                    s.getOutputStream().write(HALF);
                    opened++;
                    open.add(s);
                } catch (IOException e) {
                    s.close();
                    break; // backlog full or refused: try again on the next round
                }
            }
            // A socket the server closed reads end-of-stream: replace it.
            for (Socket s : open) {
                try {
                    if (s.getInputStream().read() == -1) {
                        s.close();
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // still open, still waiting: what a slowloris wants
                } catch (IOException e) {
                    s.close();
                }
            }
            if (System.nanoTime() - report > 1_000_000_000L) {
                System.out.println("opened " + opened + " open " + open.size());
                report = System.nanoTime();
            }
        }
    }
}

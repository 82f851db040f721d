package org.gridgate.resident.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.gridgate.config.ResidentConfig;
import org.gridgate.resident.ResidentSink;
import org.gridgate.resident.ResidentView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident display: a full-screen page for the kiosk browser on the terminal's own screen,
 * pushed live over server-sent events. Loopback only and no sign-in: it shows only what the person
 * in front of the gate may see. The page reports when it has painted a view, which is how the
 * bench measures decision-to-screen latency and how a dead kiosk would be noticed.
 */
public final class DisplayServer implements ResidentSink {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayServer.class);
    static final long KEEPALIVE_MS = 10_000;
    static final int MAX_PAINT_REPORT = 64;
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/display.js", "display.js", "/display.css", "display.css");

    /** The page painted view {@code seq}, {@code latency} after the gate got there. */
    public record Painted(long seq, Duration latency) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final ResidentConfig.Display config;
    private final URI url;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private String frame;
    private long version;
    private volatile boolean closed;
    private volatile Consumer<Painted> paints = p -> { };
    private volatile Painted lastPainted;

    private DisplayServer(HttpServer server, ExecutorService executor, ResidentConfig.Display config, URI url) {
        this.server = server;
        this.executor = executor;
        this.config = config;
        this.url = url;
    }

    public static DisplayServer start(ResidentConfig.Display config) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        InetSocketAddress a = server.getAddress();
        if (!a.getAddress().isLoopbackAddress()) {
            server.stop(0);
            executor.shutdownNow();
            throw new IOException("the resident display serves loopback only, not " + a.getAddress());
        }
        String host = a.getAddress().getHostAddress();
        URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
        DisplayServer s = new DisplayServer(server, executor, config, url);
        server.createContext("/", s::exchange);
        server.start();
        LOG.info("resident display on {}", url);
        return s;
    }

    public URI url() {
        return url;
    }

    /** Called for every paint the page reports (the bench listens here). */
    public void onPainted(Consumer<Painted> listener) {
        paints = listener;
    }

    /** The last view the page reported painted; null before the first. */
    public Painted lastPainted() {
        return lastPainted;
    }

    @Override
    public void show(ResidentView view) {
        String f = "id: " + view.seq() + "\nevent: view\ndata: " + DisplayJson.write(view, config.language()) + "\n\n";
        lock.lock();
        try {
            frame = f;
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            headers(ex);
            // Only loopback names: a web page elsewhere cannot rebind its own name to this port.
            if (!org.gridgate.web.Pages.loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
                plain(ex, 421, "wrong host name for the resident display");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/events") && method.equals("GET")) {
                events(ex);
            } else if (path.equals("/painted") && method.equals("POST")) {
                painted(ex);
            } else if (STATIC.containsKey(path) && method.equals("GET")) {
                asset(ex, STATIC.get(path));
            } else {
                plain(ex, 404, "no such address");
            }
        } catch (IOException e) {
            LOG.debug("display: client went away: {}", e.toString());
        }
    }

    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        org.gridgate.web.Pages.write(out, "retry: 1000\n\n");
        long seen = -1;
        try {
            while (!closed) {
                String next = null;
                lock.lock();
                try {
                    if (version == seen) {
                        changed.await(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
                    }
                    if (version != seen) {
                        seen = version;
                        next = frame;
                    }
                } finally {
                    lock.unlock();
                }
                org.gridgate.web.Pages.write(out, next == null ? "event: ping\ndata: 1\n\n" : next); // only the newest view: stale ones are skipped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Body: {@code SEQ LATENCY_MS}, as the page measured it against the view's own time. */
    private void painted(HttpExchange ex) throws IOException {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals(url.toString().replaceAll("/$", ""))) {
            plain(ex, 403, "paint reports come from the display page only");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_PAINT_REPORT + 1);
        }
        String[] parts = new String(body, StandardCharsets.US_ASCII).trim().split(" ");
        if (body.length > MAX_PAINT_REPORT || parts.length != 2 || !parts[0].matches("\\d{1,18}")
                || !parts[1].matches("-?\\d{1,9}")) {
            plain(ex, 400, "expected: SEQ LATENCY_MS");
            return;
        }
        Painted p = new Painted(Long.parseLong(parts[0]), Duration.ofMillis(Math.max(0, Long.parseLong(parts[1]))));
        lastPainted = p;
        paints.accept(p);
        ex.sendResponseHeaders(204, -1);
    }

    private void asset(HttpExchange ex, String name) throws IOException {
        if (!org.gridgate.web.Pages.asset(ex, "/display", name)) {
            plain(ex, 404, "no such address");
        }
    }

    private static void plain(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void headers(HttpExchange ex) {
        org.gridgate.web.Pages.secure(ex, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}

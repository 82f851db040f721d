package org.gridgate.console.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.console.ApiRequest;
import org.gridgate.console.ApiResponse;
import org.gridgate.console.Broadcaster;
import org.gridgate.console.ConsoleApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the console with the JDK's HTTP(S) server: the static page, the API and the event stream.
 * One virtual thread per exchange, so an open event stream costs no platform thread. Every response
 * carries the security headers; nothing is cached.
 *
 * <p>A flood from the LAN must cost the gate a bounded amount of memory (docs/security.md, "Console
 * flood"): at most {@link #MAX_CONNECTIONS} connections at once (more are closed as they are accepted),
 * a request must arrive whole within {@link #MAX_REQUEST_S} seconds (slowloris), and headers are capped
 * in count and size. The JDK server reads these limits once, from system properties, when its first
 * instance is created: they are set here before that, unless the operator set them on the command line.
 */
public final class ConsoleHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttpServer.class);
    /** Open pages, event streams and sign-ins at once; a handful of volunteers need far fewer. */
    public static final int MAX_CONNECTIONS = 64;
    /** Seconds to send a whole request (line, headers, body); the console's own requests take milliseconds. */
    public static final int MAX_REQUEST_S = 10;
    static final int MAX_HEADERS = 64;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    static {
        limit("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
        limit("sun.net.httpserver.maxReqTime", MAX_REQUEST_S);
        limit("sun.net.httpserver.maxReqHeaders", MAX_HEADERS);
        limit("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_BYTES);
        // A connection that sent nothing is closed after the same time (NEWLY_ACCEPTED idle interval).
        limit("sun.net.httpserver.idleInterval", 30);
    }

    private static void limit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }
    static final long KEEPALIVE_MS = 15_000;
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConsoleApi api;
    private final Broadcaster broadcaster;
    private final URI url;
    private final boolean loopbackOnly;
    private volatile boolean closed;

    private ConsoleHttpServer(HttpServer server, ExecutorService executor, ConsoleApi api, Broadcaster b,
            URI url, boolean loopbackOnly) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.broadcaster = b;
        this.url = url;
        this.loopbackOnly = loopbackOnly;
    }

    public static ConsoleHttpServer start(ConsoleConfig config, ConsoleApi api, Broadcaster broadcaster)
            throws IOException {
        InetSocketAddress bind = new InetSocketAddress(config.bind(), config.port());
        HttpServer server;
        if (config.tls().isPresent()) {
            HttpsServer https = HttpsServer.create(bind, 32);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(config.tls().get())));
            server = https;
        } else {
            server = HttpServer.create(bind, 32);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        InetSocketAddress actual = server.getAddress();
        String host = actual.getAddress().getHostAddress();
        URI url = URI.create((config.tls().isPresent() ? "https" : "http") + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + actual.getPort() + "/");
        ConsoleHttpServer s = new ConsoleHttpServer(server, executor, api, broadcaster, url,
                actual.getAddress().isLoopbackAddress());
        server.createContext("/", s::exchange);
        server.start();
        LOG.info("console listening on {}", url);
        return s;
    }

    private static SSLContext sslContext(ConsoleConfig.Tls tls) throws IOException {
        char[] password = Files.readString(tls.passwordFile(), StandardCharsets.UTF_8).strip().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("console keystore " + tls.keystore() + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    public URI url() {
        return url;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            securityHeaders(ex);
            if (!hostAllowed(ex)) {
                send(ex, ApiResponse.error(421, "host", "地址不对", "wrong host name for this console"));
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/api/events") && ex.getRequestMethod().equals("GET")) {
                events(ex);
            } else if (path.startsWith("/api/")) {
                send(ex, api.handle(request(ex)));
            } else if (STATIC.containsKey(path) && ex.getRequestMethod().equals("GET")) {
                asset(ex, STATIC.get(path));
            } else {
                send(ex, ApiResponse.error(404, "not_found", "没有这个地址", "no such address"));
            }
        } catch (IOException e) {
            LOG.debug("console: client went away: {}", e.toString());
        }
    }

    /** On loopback only loopback names are accepted: a page elsewhere cannot rebind its name to us. */
    private boolean hostAllowed(HttpExchange ex) {
        if (!loopbackOnly) {
            return true;
        }
        return org.gridgate.web.Pages.loopbackHost(ex.getRequestHeaders().getFirst("Host"));
    }

    private ApiRequest request(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(ConsoleApi.MAX_BODY_READ);
        }
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        Map<String, String> query = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(k, v);
            }
        }
        String remote = ex.getRemoteAddress().getAddress().getHostAddress();
        return new ApiRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), query, headers, body, remote);
    }

    private void events(HttpExchange ex) throws IOException {
        ApiRequest who = request(ex);
        if (!api.signedIn(who)) {
            send(ex, ApiResponse.error(401, "signed_out", "请先登录", "please sign in"));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        try (Broadcaster.Subscriber sub = broadcaster.subscribe(); OutputStream out = ex.getResponseBody()) {
            org.gridgate.web.Pages.write(out, "retry: 2000\nevent: snapshot\ndata: " + api.snapshotJson() + "\n\n");
            while (!closed && api.stillSignedIn(who)) { // signing out ends the live data too
                String frame = sub.next(KEEPALIVE_MS);
                org.gridgate.web.Pages.write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.debug("console: event stream dropped: {}", e.getMessage());
        }
    }

    private void asset(HttpExchange ex, String name) throws IOException {
        if (!org.gridgate.web.Pages.asset(ex, "/console", name)) {
            send(ex, ApiResponse.error(404, "not_found", "没有这个地址", "no such address"));
        }
    }

    private static void send(HttpExchange ex, ApiResponse r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] b = r.bytes();
        if (r.status() == 204 || b.length == 0) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(r.status(), b.length);
        ex.getResponseBody().write(b);
    }

    private void securityHeaders(HttpExchange ex) {
        org.gridgate.web.Pages.secure(ex, "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'");
        var h = ex.getResponseHeaders();
        if (server instanceof HttpsServer) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}

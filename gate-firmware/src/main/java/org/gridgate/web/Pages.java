package org.gridgate.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the gate's two web pages (the volunteers' console and the resident display) share: the
 * response headers that keep a page from being framed, sniffed, cached or given the camera, the
 * loopback Host check against DNS rebinding, the page's own files from the jar, and event-stream
 * writes. Each page brings its own Content-Security-Policy.
 */
public final class Pages {
    private Pages() {}

    /** The headers every response of a gate page carries, with the page's own CSP. */
    public static void secure(HttpExchange ex, String contentSecurityPolicy) {
        var h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", contentSecurityPolicy);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    /**
     * Whether a Host header names this machine's loopback ({@code 127.0.0.1}, {@code localhost},
     * {@code [::1]}, with or without a port): a page elsewhere cannot rebind its own name to our port.
     */
    public static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return List.of("127.0.0.1", "localhost", "[::1]").contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Sends {@code folder/name} from the jar with its content type and returns true, or returns
     * false (nothing sent) when the jar has no such file.
     */
    public static boolean asset(HttpExchange ex, String folder, String name) throws IOException {
        Optional<byte[]> b = read(folder + "/" + name);
        if (b.isEmpty()) {
            return false;
        }
        String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(200, b.get().length);
        ex.getResponseBody().write(b.get());
        return true;
    }

    private static Optional<byte[]> read(String resource) throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    /** One server-sent-events frame (or comment), flushed at once. */
    public static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

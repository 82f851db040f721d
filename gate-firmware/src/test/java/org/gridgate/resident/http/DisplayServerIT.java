package org.gridgate.resident.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.ResidentConfig;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Reason;
import org.gridgate.resident.NextSteps;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The display's HTTP side over a real socket: headers, the event stream, paint reports, refusals. */
class DisplayServerIT {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    DisplayServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private DisplayServer start(ResidentConfig.Language lang) throws Exception {
        server = DisplayServer.start(new ResidentConfig.Display("127.0.0.1", 0, lang, Duration.ofSeconds(6)));
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageComesWithAStrictPolicyAndNothingElseIsServed() throws Exception {
        start(ResidentConfig.Language.BOTH);
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(page.body().contains("/display.js"));
        assertEquals(404, get("/../etc/passwd").statusCode());
        assertEquals(404, get("/api/events").statusCode());
        String js = get("/display.js").body();
        assertTrue(!js.contains("innerHTML") && js.contains("textContent"), "text is set with textContent only");
    }

    @Test
    void aNewPageGetsTheCurrentViewFirstThenEachNewOne() throws Exception {
        start(ResidentConfig.Language.ZH);
        server.show(new ResidentView(7, Screen.DENIED, Instant.ofEpochMilli(1000), Optional.of(Direction.ENTRY),
                List.of(new ResidentView.Item(NextSteps.reason(Reason.NO_MASK), NextSteps.of(Reason.NO_MASK))),
                Optional.of(36.44), Optional.of("*****5")));
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(server.url().resolve("/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String data = nextData(in);
            assertTrue(data.startsWith("{\"seq\":7,\"at\":1000,\"lang\":\"zh\",\"screen\":\"denied\",\"tone\":\"stop\""), data);
            assertTrue(data.contains("\"temperature\":\"36.4\"") && data.contains("\"masked\":\"*****5\""), data);
            assertTrue(data.contains("请戴好口罩后重新扫码") && data.contains("Please put on your mask and scan again"), data);
            server.show(new ResidentView(8, Screen.IDLE, Instant.ofEpochMilli(2000), Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty()));
            String next = nextData(in);
            assertTrue(next.startsWith("{\"seq\":8,") && !next.contains("masked") && !next.contains("temperature"), next);
        }
    }

    private static String nextData(BufferedReader in) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("data: {")) {
                return line.substring("data: ".length());
            }
        }
        throw new AssertionError("stream ended");
    }

    @Test
    void paintReportsAreCheckedAndRecorded() throws Exception {
        start(ResidentConfig.Language.BOTH);
        assertNull(server.lastPainted());
        assertEquals(400, post("/painted", "seven 12", null).statusCode());
        assertEquals(400, post("/painted", "7 12 extra", null).statusCode());
        assertEquals(400, post("/painted", "7 " + "9".repeat(70), null).statusCode());
        assertEquals(403, post("/painted", "7 12", "http://evil.example").statusCode());
        assertNull(server.lastPainted(), "nothing recorded from a refused report");
        String self = server.url().toString().replaceAll("/$", "");
        assertEquals(204, post("/painted", "7 12", self).statusCode());
        assertEquals(new DisplayServer.Painted(7, Duration.ofMillis(12)), server.lastPainted());
    }

    @Test
    void aForeignHostNameIsRefusedAndTheConfigCannotLeaveLoopback() throws Exception {
        start(ResidentConfig.Language.BOTH);
        assertTrue(org.gridgate.web.Pages.loopbackHost("127.0.0.1:8090") && org.gridgate.web.Pages.loopbackHost("localhost")
                && org.gridgate.web.Pages.loopbackHost("[::1]:8090"));
        assertTrue(!org.gridgate.web.Pages.loopbackHost("gate.example:8090") && !org.gridgate.web.Pages.loopbackHost(null));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.url().getPort())) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(status.startsWith("HTTP/1.1 421"), status);
        }
        assertThrows(java.io.IOException.class, () -> DisplayServer.start(new ResidentConfig.Display("0.0.0.0", 0,
                ResidentConfig.Language.BOTH, Duration.ofSeconds(6))));
    }
}

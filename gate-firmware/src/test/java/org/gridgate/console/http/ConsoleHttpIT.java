package org.gridgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.config.ConsoleConfig.Volunteer;
import org.gridgate.passage.Direction;
import org.gridgate.console.Console;
import org.gridgate.console.PinHash;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.passage.BodyTemperature;
import org.gridgate.passage.Check;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateSnapshot;
import org.gridgate.passage.Outcome;
import org.gridgate.passage.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over a real socket: headers on every answer, static files, the event stream, TLS. */
class ConsoleHttpIT {
    static final String PIN = "4321";

    /** Takes no actions: these tests are about the transport. */
    static final GateControl IDLE = new GateControl() {
        @Override public void manualOpen(String actor, String reason) {}
        @Override public void setMode(String actor, GateMode mode) {}
        @Override public void assistedPass(String v, String s, Direction d) {}
        @Override public void confirmMask(String volunteer) {}
        @Override public void acknowledgeAlarm(String volunteer, long alarmSeq) {}
        @Override public GateSnapshot snapshot() {
            return new GateSnapshot(Instant.EPOCH, GateMode.NORMAL, java.util.Map.of(), 0, false, java.util.Map.of(),
                    List.of());
        }
    };

    static Console start(Optional<ConsoleConfig.Tls> tls) throws Exception {
        ConsoleConfig c = new ConsoleConfig("127.0.0.1", 0, tls, Duration.ofMinutes(10), 5, Duration.ofMinutes(5),
                List.of(new Volunteer("wang", Role.VOLUNTEER, PinHash.hash(PIN.toCharArray(), 10_000, new SecureRandom()))));
        return Console.start(c, new Console.Parts(IDLE, u -> List.of(), () -> new Journal.Stats(0, 0, 0, 0), () -> false,
                Optional::empty, () -> "unsynchronized", Clock.systemUTC(), ZoneId.of("Asia/Shanghai")));
    }

    static HttpRequest.Builder req(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)); // a deadline for a busy machine
    }

    static String signIn(HttpClient http, URI base) throws Exception {
        HttpResponse<String> r = http.send(req(base, "/api/signin").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"wang\",\"pin\":\"" + PIN + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndTheEventStreamDeliversAPassage() throws Exception {
        try (Console console = start(Optional.empty())) {
            URI base = console.url();
            assertTrue(base.toString().startsWith("http://127.0.0.1:"), base.toString());
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/", "/app.js", "/app.css", "/api/state", "/nothing")) {
                HttpResponse<String> r = http.send(req(base, path).GET().build(), HttpResponse.BodyHandlers.ofString());
                String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
                assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), path);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            }
            String page = http.send(req(base, "/").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertFalse(page.matches("(?s).*<script>.*") || page.contains("http://") || page.contains("https://"),
                    "no inline scripts, nothing from elsewhere");
            assertEquals(401, http.send(req(base, "/api/events").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", base.getPort())) {
                raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertTrue(status.startsWith("HTTP/1.1 421"), "a rebound name is refused: " + status);
            }

            String cookie = signIn(http, base);
            HttpResponse<InputStream> stream = http.send(req(base, "/api/events").timeout(Duration.ofSeconds(30))
                    .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertEquals("retry: 2000", in.readLine());
                assertEquals("event: snapshot", in.readLine());
                CompletableFuture<String> passage = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.equals("event: passage")) {
                                return in.readLine();
                            }
                        }
                        return null;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Decision d = new Decision(Outcome.DENIED, Direction.ENTRY, Instant.now(), List.of(
                        Check.fail(Check.Kind.TEMPERATURE, Reason.FEVER, "38.0")),
                        Optional.of(new BodyTemperature(38.0, 21, 38.0, 1)), Optional.empty(), Optional.of("R-0042"),
                        Optional.empty(), Optional.empty(), GateMode.NORMAL);
                console.observer().decided(d, new JournalEntry(9, UUID.randomUUID(), RecordKind.PASSAGE, d.at(), "{}"),
                        "R-****42");
                String data = passage.get(30, TimeUnit.SECONDS);
                assertTrue(data.startsWith("data: {") && data.contains("\"seq\":9") && data.contains("R-****42")
                        && data.contains("temperature too high") && !data.contains("R-0042"), data);
            }
        }
    }

    @Test
    void servesOverTlsWithAPkcs12Keystore(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("console.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit-123")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        Path pass = Files.writeString(dir.resolve("pass"), "changeit-123\n");

        try (Console console = start(Optional.of(new ConsoleConfig.Tls(ks, pass)))) {
            assertTrue(console.url().toString().startsWith("https://127.0.0.1:"), console.url().toString());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                trust.load(in, "changeit-123".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ctx).build();
            HttpResponse<String> r = https.send(req(console.url(), "/api/signin").header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"id\":\"wang\",\"pin\":\"" + PIN + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("; Secure"));
            assertTrue(r.headers().firstValue("Strict-Transport-Security").isPresent());
        }
    }
}

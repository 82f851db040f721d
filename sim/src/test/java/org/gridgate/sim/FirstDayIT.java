package org.gridgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.Await;
import org.gridgate.testing.FreePort;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician's first day, as docs/technician.md sections 1 and 2 tell it, with the built jars
 * in separate processes from an empty folder: issue a pass (creating the community key), provision
 * a terminal answering the questions, check its config, start the server stand-in with the doc's
 * roster and the devices with the gate, present a registered resident (admitted) and a stranger
 * (denied), and sign a volunteer in to the console with the PIN given to provision. The one
 * departure from the doc: the broker listens on a free port instead of 1883 (a build machine may
 * have a broker there), so the broker question is answered with that port instead of Enter.
 */
class FirstDayIT {
    static final Path SIM = Path.of("target", "gridgate-sim.jar").toAbsolutePath();
    static final Path GATE = Path.of("..", "gate-firmware", "target", "gridgate-gate.jar").toAbsolutePath().normalize();
    static final Path DOC = Path.of("..", "docs", "technician.md");
    static final Duration STEP = Duration.ofSeconds(60);
    static final String PIN = "482913";

    @TempDir
    Path tmp;
    private final List<Running> running = new ArrayList<>();

    /** A started command: its output lines as they come, its stdin. */
    record Running(Process process, List<String> lines, OutputStream in, Thread reader) {
        int exitValue() {
            return process.exitValue();
        }

        boolean said(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }

        Optional<String> line(String text) {
            return lines.stream().filter(l -> l.contains(text)).findFirst();
        }

        void type(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Running r : running) {
            r.process().destroy();
            if (!r.process().waitFor(15, TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
            }
        }
    }

    @Test
    void fromAnEmptyFolderToAResidentAdmittedAndAVolunteerSignedIn() throws Exception {
        SystemTools.require("socat", "socat");
        assertTrue(Files.exists(SIM) && Files.exists(GATE), "the jars are built (package) before the ITs");
        String doc = Files.readString(DOC);
        Path work = Files.createDirectories(tmp.resolve("first-day"));
        int port = FreePort.find();

        // 1. Provision a terminal: the commands of section 1, as written there.
        String pass = "sim pass --subject R-0001 --key community-key.pem --out r1.png";
        String provision = "sim provision --out gate-07 --template sim --community-key community-key.pem";
        String check = "gate config check gate-07/gate.yaml";
        for (String command : List.of(pass, provision, check)) {
            assertTrue(doc.contains(command), "technician.md says: " + command);
        }
        assertEquals(0, finish(start(work, pass), "pass").exitValue());
        assertTrue(Files.exists(work.resolve("r1.png")) && Files.exists(work.resolve("community-key.pem")));

        // Enter for the gate id (from the folder) and the community; the broker's port; one volunteer,
        // the lead by default, who first tries the docs' rehearsal PIN and is asked again.
        Running p = start(work, provision);
        p.type("");
        p.type("");
        p.type("tcp://127.0.0.1:" + port);
        p.type("wang");
        p.type("");
        p.type("2020");
        p.type(PIN);
        p.type("");
        p.in().close();
        assertEquals(0, finish(p, "provision").exitValue(), String.join("\n", p.lines()));
        assertTrue(p.said("that is a rehearsal PIN from the docs"), String.join("\n", p.lines()));
        assertTrue(p.said("gate id [gate-07]"), String.join("\n", p.lines()));
        String config = Files.readString(work.resolve("gate-07/gate.yaml"));
        assertFalse(config.contains(PIN), "never a PIN in clear");

        Running checked = finish(start(work, check), "config check");
        assertEquals(0, checked.process().exitValue(), String.join("\n", checked.lines()));
        assertTrue(checked.said("gate-07/gate.yaml: ok (gate gate-07, community sunflower-court, 1 root key, "
                + "1 volunteer, roster from tcp://127.0.0.1:" + port + ")"), String.join("\n", checked.lines()));

        // 2. Rehearse: the roster of section 2 as roster.json, the server stand-in, the devices and the gate.
        int at = doc.indexOf("**Terminal 1");
        int from = doc.indexOf("```json\n", at) + "```json\n".length();
        Files.writeString(work.resolve("roster.json"), doc.substring(from, doc.indexOf("```", from)));
        String server = "sim server --port 1883 --roster roster.json --key community-key.pem";
        String devices = "sim devices --config gate-07/gate.yaml --with-gate --key community-key.pem";
        assertTrue(doc.contains(server) && doc.contains(devices), "technician.md says both");
        Running srv = start(work, server.replace("1883", Integer.toString(port)));
        Await.until(STEP, () -> "the server stand-in: " + srv.lines(), () -> srv.said("listening on"));
        assertTrue(srv.said("roster published: 5 entries"), String.join("\n", srv.lines()));

        Running gate = start(work, devices);
        Await.until(STEP, () -> "the gate with the roster and the console: " + gate.lines(),
                () -> gate.said("gate gate-07 running here"));
        assertTrue(gate.said("roster: 5 entries"), String.join("\n", gate.lines()));
        String console = gate.line("console: http://").orElseThrow().replaceAll(".*console: (http://\\S+).*", "$1");

        gate.type("person subject=R-0001");
        Await.until(STEP, () -> "R-0001 admitted: " + gate.lines(), () -> gate.said("GRANTED"));
        gate.type("person subject=R-0404");
        Await.until(STEP, () -> "a stranger denied: " + gate.lines(), () -> gate.said("DENIED"));
        assertTrue(gate.said("DENIED 36.5 °C: not_registered (not registered)"), String.join("\n", gate.lines()));
        Await.until(STEP, () -> "both passages at the server: " + srv.lines(),
                () -> srv.said("entry granted R-0*01") && srv.said("entry denied"));

        // The volunteer signs in with the PIN given to provision; the rehearsal PIN does not work.
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        assertEquals(401, signIn(http, console, "2020").statusCode());
        HttpResponse<String> in = signIn(http, console, PIN);
        assertEquals(200, in.statusCode(), in.body());
        assertTrue(in.body().contains("\"role\":\"lead\""), in.body());
        HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(console + "api/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode());
        assertTrue(state.body().contains("\"who\":\"R-0*01\"") && state.body().contains("\"outcome\":\"granted\""),
                state.body());

        gate.type("quit");
        assertEquals(0, finish(gate, "devices").exitValue(), String.join("\n", gate.lines()));
        srv.type("quit");
        assertEquals(0, finish(srv, "server").exitValue());
        assertFalse(String.join("\n", gate.lines()).contains("device gone"), "a clean stop, no device warnings");
    }

    private static HttpResponse<String> signIn(HttpClient http, String console, String pin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console + "api/signin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"wang\",\"pin\":\"" + pin + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a doc command line ({@code sim ...} or {@code gate ...}) in {@code dir}, as the aliases do. */
    private Running start(Path dir, String commandLine) throws IOException {
        List<String> words = List.of(commandLine.split(" "));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", (words.get(0).equals("sim") ? SIM : GATE).toString()));
        cmd.addAll(words.subList(1, words.size()));
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().name("out-" + words.get(1)).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        Running run = new Running(process, lines, process.getOutputStream(), reader);
        running.add(run);
        return run;
    }

    private static Running finish(Running r, String what) throws InterruptedException {
        assertTrue(r.process().waitFor(STEP.toSeconds(), TimeUnit.SECONDS), what + " ends: " + r.lines());
        r.reader().join(STEP.toMillis()); // every line read
        return r;
    }
}

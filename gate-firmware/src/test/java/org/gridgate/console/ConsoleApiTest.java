package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.config.ConsoleConfig.Volunteer;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.journal.Journal;
import org.gridgate.roster.Resident;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint without a socket: who may call it, what a refusal looks like, and that it changed nothing. */
class ConsoleApiTest {
    static final int ITER = 10_000;
    static final String WANG_PIN = "2020";
    static final String LI_PIN = "2021";

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T02:00:00Z"));
    final FakeGateControl gate = new FakeGateControl();
    final List<Resident> roster = List.of(
            resident("R-0001", "3-1201", Resident.Status.NORMAL),
            resident("R-0002", "3-1201", Resident.Status.HOME_QUARANTINE),
            resident("R-0003", "5-0101", Resident.Status.NORMAL));
    Board board;
    ConsoleApi api;

    static Resident resident(String subject, String unit, Resident.Status status) {
        return new Resident(subject, PersonKind.RESIDENT, unit, unit, status, LocalDate.of(2025, 1, 1),
                LocalDate.of(2027, 1, 1));
    }

    static ConsoleConfig config() {
        SecureRandom r = new SecureRandom();
        return new ConsoleConfig("127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30), 5, Duration.ofMinutes(5),
                List.of(new Volunteer("wang", Role.VOLUNTEER, PinHash.hash(WANG_PIN.toCharArray(), ITER, r)),
                        new Volunteer("li", Role.LEAD, PinHash.hash(LI_PIN.toCharArray(), ITER, r))));
    }

    @BeforeEach
    void setUp() {
        Console.Parts parts = new Console.Parts(gate,
                unit -> roster.stream().filter(x -> x.unit().equals(unit)).toList(),
                () -> new Journal.Stats(0, 0, 0, 0), () -> true, Optional::empty, () -> "synchronized", clock,
                ZoneId.of("Asia/Shanghai"));
        board = new Board(parts.zone(), clock.instant());
        ConsoleConfig c = config();
        api = new ConsoleApi(parts, board, new SignIn(c, clock), new Sessions(c.session(), clock, new SecureRandom()),
                () -> { }, new SecureRandom(), false);
    }

    /** A signed-in browser: its cookie and CSRF token. */
    record Browser(String cookie, String csrf) {}

    Browser signIn(String id, String pin) {
        ApiResponse r = api.handle(post("/api/signin", "{\"id\":\"" + id + "\",\"pin\":\"" + pin + "\"}", null));
        assertEquals(200, r.status(), r.body());
        String cookie = r.headers().get("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        return new Browser(cookie.substring(0, cookie.indexOf(';')), (String) Json.map(r.body()).get("csrf"));
    }

    static ApiRequest post(String path, String json, Browser b) {
        return post(path, json, b, b == null ? null : b.csrf());
    }

    static ApiRequest post(String path, String json, Browser b, String csrf) {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/json");
        if (b != null) {
            h.put("cookie", "other=1; " + b.cookie());
        }
        if (csrf != null) {
            h.put("x-csrf-token", csrf);
        }
        return new ApiRequest("POST", path, Map.of(), h, json.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static ApiRequest get(String path, Map<String, String> query, Browser b) {
        Map<String, String> h = new HashMap<>();
        if (b != null) {
            h.put("cookie", b.cookie());
        }
        return new ApiRequest("GET", path, query, h, new byte[0], "127.0.0.1");
    }

    static String error(ApiResponse r) {
        return (String) Json.map(r.body()).get("error");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST,/api/open", "POST,/api/mode", "POST,/api/assist", "POST,/api/mask", "POST,/api/ack",
        "POST,/api/signout", "GET,/api/state", "GET,/api/handover", "GET,/api/residents"})
    void everyEndpointRefusesWithoutASession(String method, String path) {
        ApiRequest r = method.equals("GET") ? get(path, Map.of("unit", "3-1201"), null)
                : post(path, "{\"reason\":\"x\",\"mode\":\"lockdown\",\"seq\":1}", null, "guess");
        ApiResponse out = api.handle(r);
        assertEquals(401, out.status());
        assertEquals("signed_out", error(out));
        Browser forged = new Browser("gg_session=not-a-session", "guess");
        assertEquals(401, api.handle(method.equals("GET") ? get(path, Map.of(), forged)
                : post(path, "{}", forged)).status());
        assertEquals(List.of(), gate.calls);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"/api/open|{\"reason\":\"ambulance\"}", "/api/mode|{\"mode\":\"lockdown\"}",
        "/api/mask|{}", "/api/ack|{\"seq\":7}", "/api/signout|{}"})
    void everyActionRefusesAWrongOrMissingCsrfToken(String path, String body) {
        board.gate("normal", Map.of(7L, "fever"), Map.of(), clock.instant());
        Browser li = signIn("li", LI_PIN);
        assertEquals(403, api.handle(post(path, body, li, "wrong")).status());
        ApiResponse none = api.handle(post(path, body, li, null));
        assertEquals(403, none.status());
        assertEquals("csrf", error(none));
        assertEquals(List.of(), gate.calls);
        assertEquals(200, api.handle(get("/api/state", Map.of(), li)).status(), "session still alive");
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/open|not json", "/api/open|[1,2]", "/api/open|{}", "/api/open|{\"reason\":\"   \"}",
        "/api/open|{\"reason\":42}", "/api/mode|{\"mode\":\"party\"}", "/api/mode|{}", "/api/assist|{\"unit\":\"3-1201\"}",
        "/api/assist|{\"unit\":\"3-1201\",\"handle\":\"x\",\"direction\":\"sideways\"}", "/api/ack|{\"seq\":\"one\"}",
        "/api/ack|{\"seq\":1.5}", "/api/ack|{}"})
    void malformedInputIsA400AndChangesNothing(String path, String body) {
        Browser li = signIn("li", LI_PIN);
        ApiResponse r = api.handle(post(path, body, li));
        assertEquals(400, r.status(), r.body());
        Map<String, Object> m = Json.map(r.body());
        assertFalse(((String) m.get("en")).isBlank());
        assertFalse(((String) m.get("zh")).isBlank());
        assertEquals(List.of(), gate.calls);
    }

    @Test
    void aPostThatIsNotJsonIsRefusedEvenWithTheToken() {
        Browser b = signIn("wang", WANG_PIN);
        Map<String, String> h = Map.of("content-type", "application/x-www-form-urlencoded", "cookie", b.cookie(),
                "x-csrf-token", b.csrf());
        ApiResponse r = api.handle(new ApiRequest("POST", "/api/open", Map.of(), h,
                "reason=x".getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        assertEquals(400, r.status());
        assertEquals(List.of(), gate.calls);
    }

    @Test
    void manualOpenNeedsAReasonAndIsDoneInTheVolunteersName() {
        Browser b = signIn("wang", WANG_PIN);
        ApiResponse refused = api.handle(post("/api/open", "{\"reason\":\"\"}", b));
        assertEquals(400, refused.status());
        assertEquals("reason_required", error(refused));
        assertEquals(List.of(), gate.calls);

        assertEquals(202, api.handle(post("/api/open", "{\"reason\":\" ambulance crew \"}", b)).status());
        assertEquals(List.of("open wang ambulance crew"), gate.calls);
    }

    @Test
    void onlyALeadChangesTheMode() {
        Browser wang = signIn("wang", WANG_PIN);
        ApiResponse r = api.handle(post("/api/mode", "{\"mode\":\"lockdown\"}", wang));
        assertEquals(403, r.status());
        assertEquals("lead_only", error(r));
        Browser li = signIn("li", LI_PIN);
        assertEquals(202, api.handle(post("/api/mode", "{\"mode\":\"emergency_egress\"}", li)).status());
        assertEquals(List.of("mode li EMERGENCY_EGRESS"), gate.calls);
    }

    @Test
    @SuppressWarnings("unchecked")
    void assistedPassFindsTheUnitShowsOnlyMaskedFormsAndPassesTheVolunteer() {
        Browser b = signIn("wang", WANG_PIN);
        ApiResponse found = api.handle(get("/api/residents", Map.of("unit", "3-1201"), b));
        assertEquals(200, found.status());
        assertFalse(found.body().contains("R-0001") || found.body().contains("R-0002"), found.body());
        List<Map<String, Object>> people = (List<Map<String, Object>>) Json.map(found.body()).get("residents");
        assertEquals(2, people.size());
        assertEquals("home_quarantine", people.get(1).get("status"));
        String handle = (String) people.get(0).get("handle");

        assertEquals(400, api.handle(get("/api/residents", Map.of("unit", "../etc"), b)).status());
        assertEquals(404, api.handle(post("/api/assist", "{\"unit\":\"5-0101\",\"handle\":\"" + handle
                + "\",\"direction\":\"entry\"}", b)).status(), "a handle from another unit");
        assertEquals(List.of(), gate.calls);

        assertEquals(202, api.handle(post("/api/assist", "{\"unit\":\"3-1201\",\"handle\":\"" + handle
                + "\",\"direction\":\"exit\"}", b)).status());
        assertEquals(List.of("assist wang R-0001 EXIT"), gate.calls);
    }

    @Test
    void onlyOpenAlarmsAreAcknowledged() {
        board.gate("normal", Map.of(41L, "fever"), Map.of(), clock.instant());
        Browser b = signIn("wang", WANG_PIN);
        assertEquals(404, api.handle(post("/api/ack", "{\"seq\":40}", b)).status());
        ApiResponse ack = api.handle(post("/api/ack", "{\"seq\":41}", b));
        assertEquals(202, ack.status());
        assertEquals("Alarm acknowledged", Json.map(ack.body()).get("en"), "says what happened, not just Done");
        assertEquals(List.of("ack wang 41"), gate.calls);
    }

    @Test
    void confirmingAMaskWithNobodyAtTheGateIsRefusedNotDone() {
        Browser b = signIn("wang", WANG_PIN);
        ApiResponse nobody = api.handle(post("/api/mask", "{}", b));
        assertEquals(409, nobody.status());
        assertEquals("nobody_waiting", Json.map(nobody.body()).get("error"));
        assertEquals(List.of(), gate.calls);
        gate.passageInProgress = true;
        ApiResponse done = api.handle(post("/api/mask", "{}", b));
        assertEquals(202, done.status());
        assertEquals("已确认口罩", Json.map(done.body()).get("zh"));
        assertEquals(List.of("mask wang"), gate.calls);
    }

    @Test
    @SuppressWarnings("unchecked")
    void handoverListsTheShiftsActionsAndOpenAlarms() {
        board.gate("normal", Map.of(5L, "device_fault"), Map.of(), clock.instant());
        Browser b = signIn("wang", WANG_PIN);
        clock.advance(Duration.ofMinutes(1));
        api.handle(post("/api/open", "{\"reason\":\"delivery\"}", b));
        ApiResponse r = api.handle(get("/api/handover", Map.of(), b));
        assertEquals(200, r.status());
        Map<String, Object> h = Json.map(r.body());
        assertEquals("wang", h.get("volunteer"));
        List<Map<String, Object>> actions = (List<Map<String, Object>>) h.get("actions");
        assertEquals(1, actions.size());
        assertEquals("manual open: delivery", actions.get(0).get("what"));
        assertEquals(1, ((List<?>) h.get("openAlarms")).size());
    }

    @Test
    void sessionsExpireAfterIdleTimeAndAtSignOut() {
        Browser b = signIn("wang", WANG_PIN);
        clock.advance(Duration.ofMinutes(29));
        assertEquals(200, api.handle(get("/api/state", Map.of(), b)).status());
        clock.advance(Duration.ofMinutes(29));
        assertEquals(200, api.handle(get("/api/state", Map.of(), b)).status(), "activity keeps it alive");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(401, api.handle(get("/api/state", Map.of(), b)).status());

        Browser again = signIn("wang", WANG_PIN);
        ApiRequest stream = get("/api/events", Map.of(), again);
        assertTrue(api.signedIn(stream) && api.stillSignedIn(stream));
        assertEquals(204, api.handle(post("/api/signout", "{}", again)).status());
        assertEquals(401, api.handle(post("/api/open", "{\"reason\":\"x\"}", again)).status());
        assertFalse(api.stillSignedIn(stream), "an open event stream ends at sign-out");
        assertEquals(List.of(), gate.calls);
    }

    @Test
    void fiveWrongPinsLockTheAccountEvenForTheRightPin() {
        for (int i = 4; i >= 1; i--) {
            ApiResponse r = api.handle(post("/api/signin", "{\"id\":\"wang\",\"pin\":\"0000\"}", null));
            assertEquals(401, r.status());
            assertTrue(((String) Json.map(r.body()).get("en")).contains(i + " tries left"), r.body());
        }
        ApiResponse fifth = api.handle(post("/api/signin", "{\"id\":\"wang\",\"pin\":\"0000\"}", null));
        assertEquals(423, fifth.status());
        String until = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(
                clock.instant().plus(Duration.ofMinutes(5)).atZone(ZoneId.of("Asia/Shanghai")));
        assertTrue(((String) Json.map(fifth.body()).get("en")).contains("locked for 5 min (until " + until),
                fifth.body());
        assertTrue(((String) Json.map(fifth.body()).get("zh")).contains("锁定 5 分钟"), fifth.body());
        assertEquals(423, api.handle(post("/api/signin", "{\"id\":\"wang\",\"pin\":\"" + WANG_PIN + "\"}", null))
                .status());
        assertEquals(200, api.handle(post("/api/signin", "{\"id\":\"li\",\"pin\":\"" + LI_PIN + "\"}", null))
                .status(), "other accounts are not affected");
        clock.advance(Duration.ofMinutes(5));
        signIn("wang", WANG_PIN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"id\":\"wang\"}", "{\"id\":1,\"pin\":\"2020\"}", "[]", "pin=2020"})
    void malformedSignInIsA400(String body) {
        assertEquals(400, api.handle(post("/api/signin", body, null)).status());
    }

    @Test
    void unknownAddressesMethodsAndOversizedBodies() {
        Browser b = signIn("wang", WANG_PIN);
        assertEquals(404, api.handle(get("/api/nothing", Map.of(), b)).status());
        ApiResponse wrongMethod = api.handle(get("/api/open", Map.of(), b));
        assertEquals(405, wrongMethod.status());
        assertEquals("POST", wrongMethod.headers().get("Allow"));
        String big = "{\"reason\":\"" + "x".repeat(ConsoleApi.MAX_BODY) + "\"}";
        assertEquals(413, api.handle(post("/api/open", big, b)).status());
        assertEquals(400, api.handle(post("/api/open", "{\"reason\":\"" + "x".repeat(201) + "\"}", b)).status());
        assertEquals(List.of(), gate.calls);
    }

    @Test
    void stateCarriesTheCsrfTokenOnlyForItsOwnSession() {
        Browser b = signIn("wang", WANG_PIN);
        String body = api.handle(get("/api/state", Map.of(), b)).body();
        assertTrue(body.contains(b.csrf()));
        assertFalse(api.snapshotJson().contains(b.csrf()), "the event stream never carries a token");
    }
}

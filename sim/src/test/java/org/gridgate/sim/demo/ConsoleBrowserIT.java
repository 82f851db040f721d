package org.gridgate.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.config.ConsoleConfig.Volunteer;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.console.PinHash;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.roster.Resident;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The volunteer console in Debian's headless Chromium, on a whole gate built as the demo builds it:
 * simulated devices on the real wire protocols, the real gate loop and journal, an embedded broker.
 */
class ConsoleBrowserIT {
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Duration UI = Duration.ofSeconds(30);
    static final String WANG_PIN = "2020";

    @TempDir
    Path state;
    private final List<AutoCloseable> open = new ArrayList<>();
    private SimulatedHardware hw;
    private SimulatedThermometer thermometer;
    private SimulatedScanner scanner;
    private PersonGenerator people;
    private GateApp app;
    private GateConfig config;
    private ChromeDriver browser;
    private CommunityServer server;

    @BeforeEach
    void gateAndBrowser() throws Exception {
        String chromium = SystemTools.require("chromium", "chromium");
        String chromedriver = SystemTools.require("chromedriver", "chromium-driver");
        Clock clock = Clock.systemUTC();
        KeyPair community = PersonGenerator.newKey();
        byte[] kid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(community.getPublic().getEncoded()), 8);
        var anchor = new CredentialConfig.TrustAnchor(Base64.getEncoder().encodeToString(kid),
                Base64.getEncoder().encodeToString(community.getPublic().getEncoded()));
        EmbeddedBroker broker = keep(EmbeddedBroker.start(0));
        ExecutorScheduler deviceTimers = keep(new ExecutorScheduler("sim-devices"));
        GateConfig sim = Demo.simConfig(state, broker.uri(), anchor);
        SecureRandom random = new SecureRandom();
        ConsoleConfig console = new ConsoleConfig("127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30), 5,
                Duration.ofMinutes(5), List.of(
                        new Volunteer("wang", Role.VOLUNTEER, PinHash.hash(WANG_PIN.toCharArray(), 10_000, random)),
                        new Volunteer("zhao", Role.VOLUNTEER, PinHash.hash("8642".toCharArray(), 10_000, random))));
        config = sim.withConsole(Optional.of(console));
        String prefix = config.credentials().communityPrefix();
        people = new PersonGenerator(7, new CommunityPassIssuer(prefix, config.gate().community(),
                community.getPrivate(), kid), prefix, kid, LocalDate.now(clock.withZone(config.gate().zone())));
        hw = new SimulatedHardware();
        thermometer = new SimulatedThermometer(deviceTimers);
        scanner = hw.plugDevices(config, thermometer).get(ScannerConfig.Direction.ENTRY);
        Hardware hardware = hw.hardware();
        server = keep(new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                config.gate().community()));
        server.signWith(kid, community.getPrivate()); // the sim config trusts the community key as root key too
        server.publishRoster(people.roster());
        app = keep(GateApp.start(config, hardware, clock, ServiceManager.NONE));
        Await.until(Duration.ofSeconds(20), "the roster from the broker", () -> app.loop().rosterSize() > 0);

        // Selenium Manager must not look for (or download) a driver: both paths are given.
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium);
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(state.resolve("chromium-profile")),
                "--window-size=1280,1400");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver)
                .toFile()).usingAnyFreePort().build(), o);
        browser.get(app.consoleUrl().orElseThrow().toString());
        browser.executeScript("localStorage.setItem('lang', 'zh'); location.reload();"); // Chinese first, as at a gate
        Await.until(UI, "the page in Chinese", () -> text("signin-go").equals("登录"));
        Files.createDirectories(SHOTS);
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aShiftAtTheGate() throws Exception {
        // Five wrong PINs lock the account; then even the right PIN is refused.
        for (int i = 0; i < 5; i++) {
            signIn("zhao", "0000");
            int attempt = i;
            Await.until(UI, "answer to attempt " + attempt, () -> !text("signin-msg").isEmpty());
            if (i < 4) {
                assertTrue(text("signin-msg").contains("还可尝试 " + (4 - i) + " 次"), text("signin-msg"));
                browser.executeScript("document.getElementById('signin-msg').textContent = ''");
            }
        }
        assertTrue(text("signin-msg").contains("账号已锁定"), text("signin-msg"));
        browser.executeScript("document.getElementById('signin-msg').textContent = ''");
        signIn("zhao", "8642");
        Await.until(UI, "answer to the right PIN", () -> !text("signin-msg").isEmpty());
        assertTrue(text("signin-msg").contains("账号已锁定"), text("signin-msg"));
        assertFalse(browser.findElement(By.id("main")).isDisplayed());
        shot("01-locked");

        signIn("wang", WANG_PIN);
        Await.until(UI, "the console after sign-in", () -> browser.findElement(By.id("main")).isDisplayed());
        Await.until(UI, "the event stream's first state", () -> !browser.findElements(By.cssSelector("#health li"))
                .isEmpty());

        // A passage through the simulated devices shows in the feed within a second.
        Person resident = next(Person.Kind.RESIDENT);
        long scanned = present(resident);
        Await.until(Duration.ofSeconds(30), "the passage in the feed", () -> feedSize() == 1);
        long shownMs = (System.nanoTime() - scanned) / 1_000_000;
        assertTrue(shownMs < 1000, "feed showed the passage after " + shownMs + " ms");
        assertTrue(firstFeed().getText().contains("36.") || firstFeed().getText().contains("35."), firstFeed().getText());
        leave();

        // A fever raises the alarm, with a beep; acknowledging it clears it and is journaled with who.
        present(next(Person.Kind.FEVER));
        Await.until(UI, "the fever alarm", () -> !browser.findElements(By.cssSelector("li.alarm[data-code=fever]"))
                .isEmpty());
        Await.until(UI, "a beep", () -> browser.findElement(By.tagName("body")).getAttribute("data-beeps") != null);
        assertTrue(firstFeed().getText().contains("体温异常"), firstFeed().getText());
        leave();
        shot("02-fever-alarm");
        browser.findElement(By.cssSelector("li.alarm[data-code=fever] button.ack")).click();
        Await.until(UI, "the alarm to clear", () -> browser.findElements(By.cssSelector("li.alarm")).isEmpty());
        Await.until(UI, "the acknowledgement in the journal", () -> journal("event", "alarm_acknowledged")
                .stream().anyMatch(p -> p.contains("\"actor\":\"wang\"")));

        // A manual open without a reason is refused and nothing is recorded; with a reason it is.
        browser.findElement(By.id("open-go")).click();
        Await.until(UI, "the refusal", () -> text("action-msg").contains("必须填写原因"));
        shot("03-open-refused");
        assertEquals(List.of(), journal("event", "manual_open"));
        browser.findElement(By.id("open-reason")).sendKeys("救护车进入");
        browser.findElement(By.id("open-go")).click();
        Await.until(UI, "the manual open in the journal", () -> journal("event", "manual_open").stream()
                .anyMatch(p -> p.contains("\"actor\":\"wang\"") && p.contains("救护车进入")));

        // An assisted pass for a resident without a phone: found by unit, measured, recorded with who.
        Resident elder = people.roster().get(0);
        browser.findElement(By.id("unit")).sendKeys(elder.unit());
        browser.findElement(By.id("unit-go")).click();
        Await.until(UI, "residents of the unit", () -> !browser.findElements(By.cssSelector("li.resident")).isEmpty());
        assertFalse(browser.findElement(By.id("residents")).getText().contains(elder.subject()), "masked only");
        boolean maskActiveLow = config.gpio().maskDetector().orElseThrow().activeLow();
        hw.input(GateInput.Kind.MASK_PRESENT, true, maskActiveLow);
        thermometer.present(36.4, 22.0);
        int before = feedSize();
        browser.findElement(By.cssSelector("li.resident button.assist-entry")).click();
        Await.until(UI, "the assisted passage in the feed", () -> feedSize() == before + 1);
        assertTrue(firstFeed().getText().contains("协助：wang"), firstFeed().getText());
        leave();
        List<String> passages = journal("passage", null);
        String assisted = passages.get(passages.size() - 1);
        assertTrue(assisted.contains("\"assistedBy\":\"wang\"") && assisted.contains("\"bodyC\":36.4"), assisted);
        shot("04-console");

        // The trust list's age: unknown until one arrives; one issued 30 hours ago shows as stale.
        Await.until(UI, "trust list unknown", () -> healthItem("信任列表").contains("未知"));
        server.publishSigned("trust", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                java.util.Map.of("v", 1, "type", "trust", "version", 1, "issuedAt",
                        java.time.Instant.now().minus(Duration.ofHours(30)).toString(), "keys", List.of())), true);
        Await.until(Duration.ofSeconds(20), "trust list age on the console",
                () -> healthItem("信任列表").contains("30 小时 过期"));

        browser.findElement(By.id("lang")).click();
        browser.findElement(By.id("handover-go")).click();
        Await.until(UI, "the handover summary", () -> text("handover").contains("manual open"));
        shot("05-handover-en");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(412, 1600));
        shot("06-phone-en");
    }

    /**
     * The terminal's own 7-inch screen (800x480) and a volunteer's phone (390x844): with an alarm open,
     * the latest passage and "Open the gate" are on screen without scrolling, measured in the DOM; an
     * alarm's row (and its Acknowledge button) is the same element across live updates, so a tap is
     * never lost to a redraw. The screenshots are the ones in docs/img (copied there with
     * {@code -Dgridgate.docsImg=../docs/img}).
     */
    @Test
    void compactLayoutsKeepTheLatestPassageAndTheOpenActionAboveTheFold() throws Exception {
        signIn("wang", WANG_PIN);
        Await.until(UI, "the console after sign-in", () -> browser.findElement(By.id("main")).isDisplayed());
        for (Person.Kind k : List.of(Person.Kind.RESIDENT, Person.Kind.FEVER, Person.Kind.RESIDENT)) {
            int before = feedSize();
            present(next(k));
            Await.until(Duration.ofSeconds(10), "passage " + k + " in the feed", () -> feedSize() == before + 1);
            leave();
        }
        Await.until(UI, "the fever alarm", () -> !browser.findElements(By.cssSelector("li.alarm[data-code=fever]"))
                .isEmpty());
        // Mark the alarm's row, let the page take more live updates, and check it is the same element.
        browser.executeScript("document.querySelector('li.alarm').gridgateMark = 1;");
        int before = feedSize();
        present(next(Person.Kind.RESIDENT));
        Await.until(Duration.ofSeconds(10), "one more passage", () -> feedSize() == before + 1);
        leave();
        Await.until(UI, "the latest passage on top", () -> browser.findElement(By.id("latest")).getAttribute("data-seq")
                .equals(firstFeed().getAttribute("data-seq")));
        assertEquals(1L, browser.executeScript("return document.querySelector('li.alarm').gridgateMark || 0;"),
                "the alarm row was replaced by a live update: a tap on Acknowledge could be lost");

        for (String lang : List.of("en", "zh")) {
            if (!browser.findElement(By.id("lang")).getText().equals(lang.equals("en") ? "EN" : "中文")) {
                continue;
            }
            browser.findElement(By.id("lang")).click();
            for (int[] size : List.of(new int[] {800, 480}, new int[] {390, 844})) {
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", size[0],
                        "height", size[1], "deviceScaleFactor", 1, "mobile", size[0] < 500));
                browser.executeScript("window.scrollTo(0, 0);");
                String where = lang + " " + size[0] + "x" + size[1];
                Await.until(UI, "the layout at " + where, () -> ((Number) browser.executeScript(
                        "return window.innerWidth;")).intValue() == size[0]);
                for (String id : List.of("latest", "open-reason", "open-go")) {
                    assertAboveTheFold(id, where);
                }
                assertAboveTheFold("alarms", where);
                shot("console-" + lang + "-" + size[0] + "x" + size[1]);
            }
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
        String docs = System.getProperty("gridgate.docsImg", "");
        if (!docs.isEmpty()) {
            Files.copy(SHOTS.resolve("console-zh-800x480.png"), Path.of(docs, "console-800x480.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(SHOTS.resolve("console-en-390x844.png"), Path.of(docs, "console-390x844.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The element is displayed and wholly inside the viewport with the page scrolled to the top. */
    private void assertAboveTheFold(String id, String where) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> r = (java.util.Map<String, Object>) browser.executeScript(
                "const e = document.getElementById(arguments[0]); const b = e.getBoundingClientRect();"
                        + "return {top: b.top, bottom: b.bottom, height: b.height, left: b.left, right: b.right,"
                        + " vh: window.innerHeight, vw: window.innerWidth, scrollY: window.scrollY};", id);
        double top = ((Number) r.get("top")).doubleValue();
        double bottom = ((Number) r.get("bottom")).doubleValue();
        double vh = ((Number) r.get("vh")).doubleValue();
        assertTrue(((Number) r.get("height")).doubleValue() > 0, id + " is displayed at " + where + ": " + r);
        assertEquals(0, ((Number) r.get("scrollY")).intValue(), where);
        assertTrue(top >= 0 && bottom <= vh, id + " within the first screen at " + where + ": " + r);
        assertTrue(((Number) r.get("right")).doubleValue() <= ((Number) r.get("vw")).doubleValue() + 0.5,
                id + " not cut off on the right at " + where + ": " + r);
    }

    private void signIn(String id, String pin) {
        WebElement who = browser.findElement(By.id("signin-id"));
        who.clear();
        who.sendKeys(id);
        browser.findElement(By.id("signin-pin")).sendKeys(pin);
        browser.findElement(By.id("signin-go")).click();
    }

    private Person next(Person.Kind kind) {
        for (int i = 0; i < 1000; i++) {
            Person p = people.next(java.time.Instant.now());
            if (p.kind() == kind) {
                return p;
            }
        }
        throw new AssertionError("the generator made no " + kind);
    }

    /** Puts a person in front of the gate; returns when the scanner's bytes went out (nanoTime). */
    private long present(Person p) {
        hw.input(GateInput.Kind.MASK_PRESENT, p.mask(), config.gpio().maskDetector().orElseThrow().activeLow());
        thermometer.present(p.skinC(), p.ambientC());
        long at = System.nanoTime();
        assertTrue(scanner.scan(p.code()), "the gate has the scanner port open");
        return at;
    }

    private void leave() {
        thermometer.absent();
        hw.input(GateInput.Kind.MASK_PRESENT, false, config.gpio().maskDetector().orElseThrow().activeLow());
    }

    /** The text of the health line whose label starts with {@code label}, or "" when there is none. */
    private String healthItem(String label) {
        // One script call: the list is re-rendered on every state, so element handles go stale.
        Object texts = browser.executeScript(
                "return Array.from(document.querySelectorAll('#health li')).map(li => li.textContent);");
        return ((List<?>) texts).stream().map(String::valueOf).filter(t -> t.startsWith(label)).findFirst()
                .orElse("");
    }

    private int feedSize() {
        return browser.findElements(By.cssSelector("#feed li.passage")).size();
    }

    private WebElement firstFeed() {
        return browser.findElement(By.cssSelector("#feed li.passage"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void shot(String name) throws Exception {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Payloads of journal records of {@code kind}, optionally only those whose event/alarm is {@code what}. */
    private List<String> journal(String kind, String what) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + config.storage().journal());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT payload FROM record WHERE kind = '" + kind + "' ORDER BY seq")) {
            while (r.next()) {
                String p = r.getString(1);
                if (what == null || p.contains("\"event\":\"" + what + "\"")) {
                    out.add(p);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the journal", e);
        }
        return out;
    }
}

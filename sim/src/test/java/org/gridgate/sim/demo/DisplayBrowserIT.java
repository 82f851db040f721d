package org.gridgate.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ResidentConfig;
import org.gridgate.config.ResidentConfig.Language;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Reason;
import org.gridgate.resident.NextSteps;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.gridgate.resident.http.DisplayServer;
import org.gridgate.testing.Await;
import org.gridgate.testing.FreePort;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The resident display in Debian's headless Chromium: every screen and every denial reason at the
 * 7" touchscreen's 800x480 and at 1920x1080, with nothing overflowing its box (DOM measurements),
 * screenshots of each; the live page on the demo's gate; reconnecting after the daemon restarts.
 */
class DisplayBrowserIT {
    static final Path SHOTS = Path.of("target", "display-screenshots");
    static final Duration UI = Duration.ofSeconds(10);
    static final int[][] SIZES = {{800, 480}, {1920, 1080}};

    @TempDir
    Path dir;
    private ChromeDriver browser;
    private DisplayServer server;

    @BeforeEach
    void browser() throws Exception {
        String chromium = SystemTools.require("chromium", "chromium");
        String chromedriver = SystemTools.require("chromedriver", "chromium-driver");
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium);
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=800,480",
                "--hide-scrollbars");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver)
                .toFile()).usingAnyFreePort().build(), o);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private void size(int w, int h) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", false));
        Await.until(UI, "viewport " + w + "x" + h, () -> ((Number) browser.executeScript("return innerWidth")).intValue() == w
                && ((Number) browser.executeScript("return innerHeight")).intValue() == h);
    }

    private void shown(long seq) {
        Await.until(UI, "view " + seq + " painted", () -> String.valueOf(seq)
                .equals(browser.findElement(By.tagName("body")).getAttribute("data-seq")));
    }

    /** Every visible text box that overflows (its own box or the screen), with its text. */
    @SuppressWarnings("unchecked")
    private List<String> overflows() {
        return (List<String>) browser.executeScript("""
                const out = [];
                const W = innerWidth, H = innerHeight;
                for (const e of document.querySelectorAll('h1, p, li, #body, #band')) {
                  if (e.offsetParent === null && e.id !== 'band' && e.id !== 'body') continue;
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 && r.height === 0) continue;
                  if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1
                      || r.right > W + 0.5 || r.bottom > H + 0.5 || r.left < -0.5 || r.top < -0.5) {
                    out.push((e.id || e.className) + ': ' + e.textContent.slice(0, 40));
                  }
                }
                return out;""");
    }

    private double px(String id) {
        return Double.parseDouble(((String) browser.executeScript(
                "return getComputedStyle(document.getElementById(arguments[0])).fontSize", id)).replace("px", ""));
    }

    private void shot(String name, int w, int h) throws Exception {
        Path d = Files.createDirectories(SHOTS.resolve(w + "x" + h));
        Files.write(d.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Every screen once, then a denial for every reason the rule can deny for, then the longest answer. */
    static List<Map.Entry<String, ResidentView>> views() {
        List<Map.Entry<String, ResidentView>> out = new ArrayList<>();
        long seq = 1;
        for (Screen s : Screen.values()) {
            boolean decision = s == Screen.GRANTED || s == Screen.DENIED || s == Screen.FEVER;
            List<ResidentView.Item> items = s == Screen.FEVER ? List.of(item(Reason.FEVER))
                    : s == Screen.DENIED ? List.of(item(Reason.NO_MASK)) : List.of();
            out.add(Map.entry(s.name().toLowerCase(Locale.ROOT), new ResidentView(seq++, s, Instant.now(),
                    Optional.of(Direction.ENTRY), items, decision ? Optional.of(s == Screen.FEVER ? 38.2 : 36.5)
                    : Optional.empty(), decision ? Optional.of("*****5") : Optional.empty())));
        }
        for (Reason r : Reason.values()) {
            if (NextSteps.of(r).isPresent()) {
                out.add(Map.entry("denied-" + r.code(), new ResidentView(seq++, r == Reason.FEVER ? Screen.FEVER
                        : Screen.DENIED, Instant.now(), Optional.of(Direction.ENTRY), List.of(item(r)),
                        Optional.of(r == Reason.FEVER ? 38.2 : 36.5), Optional.of("*****5"))));
            }
        }
        out.add(Map.entry("denied-four-reasons", new ResidentView(seq, Screen.DENIED, Instant.now(),
                Optional.of(Direction.ENTRY), List.of(item(Reason.NOT_REGISTERED), item(Reason.CODE_KEY_USAGE),
                        item(Reason.LOCKDOWN_VISITOR), item(Reason.NO_MASK)), Optional.of(36.5), Optional.empty())));
        return out;
    }

    private static ResidentView.Item item(Reason r) {
        return new ResidentView.Item(NextSteps.reason(r), NextSteps.of(r));
    }

    @Test
    void everyScreenAndReasonFitsTheTouchscreenAndAMonitor() throws Exception {
        server = DisplayServer.start(new ResidentConfig.Display("127.0.0.1", 0, Language.BOTH, Duration.ofSeconds(6)));
        browser.get(server.url().toString());
        List<String> problems = new ArrayList<>();
        for (int[] s : SIZES) {
            size(s[0], s[1]);
            for (Map.Entry<String, ResidentView> e : views()) {
                ResidentView v = e.getValue();
                ResidentView fresh = new ResidentView(v.seq() + 1000L * s[0], v.screen(), Instant.now(), v.direction(),
                        v.items(), v.temperatureC(), v.masked());
                server.show(fresh);
                shown(fresh.seq());
                overflows().forEach(o -> problems.add(s[0] + "x" + s[1] + " " + e.getKey() + ": " + o));
                String tone = browser.findElement(By.tagName("body")).getAttribute("data-tone");
                assertEquals(v.screen().tone().name().toLowerCase(Locale.ROOT), tone);
                if (!e.getKey().equals("denied-four-reasons")) {
                    // Readable at 1.5 m on the 7" screen (0.19 mm a pixel): headline >= 8 mm, the rest >= 4.5 mm.
                    double min = s[1] / 480.0;
                    assertTrue(px("head-zh") >= 44 * min, e.getKey() + " headline " + px("head-zh") + " px");
                    assertTrue(px("detail-zh") >= 24 * min, e.getKey() + " detail " + px("detail-zh") + " px");
                }
                shot(e.getKey(), s[0], s[1]);
            }
        }
        assertEquals(List.of(), problems, "text overflowing its box or the screen");
    }

    @Test
    void thePageReconnectsAfterARestartAndShowsOfflineMeanwhile() throws Exception {
        int port = FreePort.find();
        server = DisplayServer.start(new ResidentConfig.Display("127.0.0.1", port, Language.BOTH, Duration.ofSeconds(6)));
        browser.get(server.url().toString());
        size(800, 480);
        List<Map.Entry<String, ResidentView>> all = views();
        ResidentView granted = all.stream().filter(e -> e.getKey().equals("granted")).findFirst().orElseThrow().getValue();
        server.show(granted);
        shown(granted.seq());
        assertTrue(browser.findElement(By.id("head-zh")).getText().contains("请通行"));
        assertTrue(browser.findElement(By.id("facts")).getText().contains("36.5"));
        assertFalse(browser.findElement(By.id("offline")).isDisplayed());
        server.close(); // the daemon stops: "please pass" must not stay up
        Await.until(UI, "the offline notice", () -> browser.findElement(By.id("offline")).isDisplayed());
        shot("offline", 800, 480);
        // Restarted with Chinese only: its numbering starts again, and the page follows it.
        server = DisplayServer.start(new ResidentConfig.Display("127.0.0.1", port, Language.ZH, Duration.ofSeconds(6)));
        ResidentView idle = new ResidentView(1, Screen.IDLE, Instant.now(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty());
        server.show(idle);
        Await.until(Duration.ofSeconds(20), "reconnected", () -> !browser.findElement(By.id("offline")).isDisplayed()
                && "idle".equals(browser.findElement(By.tagName("body")).getAttribute("data-screen")));
        assertFalse(browser.findElement(By.id("head-en")).isDisplayed(), "language zh: no English");
        Await.until(UI, "the paint reported", () -> server.lastPainted() != null && server.lastPainted().seq() == 1);
        shot("idle-zh-only", 800, 480);
    }

    @Test
    void theLiveDisplayFollowsTheDemoGate() throws Exception {
        try (DemoGate gate = DemoGate.start(dir.resolve("state"), 3, c -> c.withResident(new ResidentConfig(
                Optional.of(new ResidentConfig.Display("127.0.0.1", 0, Language.BOTH, Duration.ofSeconds(2))),
                Optional.empty(), Optional.empty())))) {
            browser.get(gate.app().resident().displayUrl().orElseThrow().toString());
            size(800, 480);
            Await.until(UI, "idle", () -> "idle".equals(screen()));
            gate.present("RESIDENT");
            Await.until(UI, "granted", () -> "granted".equals(screen()));
            assertTrue(browser.findElement(By.id("masked")).getText().matches("[A-Z]-\\d\\*+\\d{2}|\\*+\\w+"),
                    "masked identity only (IdentityProtector.mask, docs/console.md)");
            gate.leave();
            Await.until(UI, "back to idle by itself", () -> "idle".equals(screen()));
            gate.present("NO_MASK");
            Await.until(UI, "denied", () -> "denied".equals(screen()));
            String items = browser.findElement(By.id("items")).getText();
            assertTrue(items.contains("未佩戴口罩") && items.contains("Please put on your mask and scan again"), items);
            gate.leave();
            gate.app().loop().setMode("lead", org.gridgate.passage.GateMode.LOCKDOWN);
            Await.until(UI, "lockdown", () -> "lockdown".equals(screen()));
            assertTrue(gate.app().resident().display().orElseThrow().lastPainted().latency().toMillis() < 2000);
        }
    }

    private String screen() {
        return browser.findElement(By.tagName("body")).getAttribute("data-screen");
    }
}

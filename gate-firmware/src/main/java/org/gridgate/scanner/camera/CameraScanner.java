package org.gridgate.scanner.camera;

import com.google.zxing.BarcodeFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.CameraConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.credential.qr.GreyImage;
import org.gridgate.credential.qr.QrDecoder;
import org.gridgate.device.ByteLink;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.LinkSession;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.scanner.Scanner;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner that is a camera: a frame grabber (ffmpeg on V4L2, rpicam-vid, or a configured command)
 * runs as a supervised subprocess under the same {@link LinkSession} as the serial devices, so it is
 * restarted with backoff, its faults are device faults, and a webcam plugged back in is used again.
 * Its output is cut into frames; a decoder thread reads only the newest one (frames it cannot keep up
 * with are dropped, never queued), within a time budget of one frame interval; the same code seen in
 * consecutive frames is one scan. The gate loop sees a {@link ScannedCode} exactly as from a serial scanner.
 */
public final class CameraScanner implements Scanner {
    private static final Logger LOG = LoggerFactory.getLogger(CameraScanner.class);
    /** No frame for this long from a running grabber: the camera hangs; it is restarted. */
    static final Duration STALL = Duration.ofSeconds(5);
    private static final int READ_BUFFER = 64 * 1024;
    /** How long after the picture last changed the decoder keeps trying its slower passes. */
    static final Duration ACTIVE_FOR = Duration.ofSeconds(4);

    private final ScannerConfig config;
    private final CameraConfig camera;
    private final ByteLinkFactory grabber;
    private final Clock clock;
    private final Scheduler scheduler;
    private final CameraStats stats = new CameraStats();
    private final LatestFrame<Frame> latest = new LatestFrame<>();
    private volatile LinkSession session;
    private volatile ByteLink current;
    private volatile long lastFrameMillis;
    private volatile boolean closed;
    private boolean stalled;

    /** A grey frame and when it arrived. */
    record Frame(byte[] luma, long arrivedMillis) {}

    CameraScanner(ScannerConfig config, ByteLinkFactory grabber, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.camera = config.camera().orElseThrow(() -> new IllegalArgumentException(config.id() + " is not a camera"));
        this.grabber = grabber;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The camera as configured: its frame grabber started as a subprocess. */
    public static CameraScanner of(ScannerConfig config, Clock clock, Scheduler scheduler) {
        CameraConfig c = config.camera().orElseThrow(() -> new IllegalArgumentException(config.id() + " is not a camera"));
        var argv = CameraCommand.argv(c);
        return new CameraScanner(config, (port, baud) -> {
            try {
                return ProcessLink.start(argv.get(0) + " " + port, argv);
            } catch (java.io.IOException e) {
                throw new java.io.IOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
            }
        }, clock, scheduler);
    }

    @Override
    public String id() {
        return config.id();
    }

    /** Frames per second, decode times, drops and the last code (masked), for the technician's self-test. */
    public CameraStats.Snapshot stats() {
        stats.dropped(latest.dropped());
        return stats.snapshot();
    }

    @Override
    public void start(DeviceListener<ScannedCode> listener) {
        FrameAssembler frames = new FrameAssembler(camera.frameBytes(), camera.width() * camera.height(), luma -> {
            long now = clock.millis();
            lastFrameMillis = now;
            stats.frameArrived(now);
            latest.offer(new Frame(luma, now));
        });
        LinkSession s = new LinkSession(config.id(), config.port(), 0, grabber, new LinkSession.Handler() {
            @Override
            public void opened(ByteLink link) {
                synchronized (frames) {
                    frames.reset();
                }
                current = link;
                lastFrameMillis = clock.millis();
            }

            @Override
            public void bytes(byte[] data, int length) {
                synchronized (frames) {
                    frames.feed(data, 0, length);
                }
            }
        }, listener::status, clock, scheduler, READ_BUFFER);
        session = s;
        Thread.ofPlatform().daemon().name("decode-" + config.id()).start(() -> decodeLoop(listener));
        s.start();
        scheduler.schedule(STALL, this::watchdog);
    }

    private void decodeLoop(DeviceListener<ScannedCode> listener) {
        Set<BarcodeFormat> formats = EnumSet.noneOf(BarcodeFormat.class);
        camera.formats().forEach(f -> formats.add(BarcodeFormat.valueOf(f)));
        QrDecoder decoder = new QrDecoder(formats);
        SameCode same = new SameCode(camera.sameCodeGap());
        long budget = TimeUnit.SECONDS.toNanos(1) / camera.fps();
        Activity activity = new Activity(ACTIVE_FOR.toMillis());
        while (!closed) {
            Frame f;
            try {
                f = latest.take(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (f == null) {
                continue;
            }
            try {
                GreyImage image = new GreyImage(f.luma(), camera.width(), camera.height());
                GreyImage searched = camera.region().map(r -> image.crop(r.x(), r.y(), r.width(), r.height())).orElse(image);
                boolean moving = activity.active(f.luma(), camera.width(), camera.height(), f.arrivedMillis());
                long t0 = System.nanoTime();
                // The fast pass on every frame; the slower ones while something moves in front of the camera.
                Optional<QrDecoder.Decoded> found = decoder.decode(searched, moving ? budget : 0);
                stats.decodedIn(System.nanoTime() - t0, found.isPresent());
                if (found.isPresent()) {
                    activity.codeSeen(f.arrivedMillis());
                    String text = found.get().text();
                    if (same.seen(text, java.time.Instant.ofEpochMilli(f.arrivedMillis())).isPresent()) {
                        stats.lastCode(text);
                        listener.accept(new ScannedCode(config.id(), org.gridgate.scanner.Directions.of(config.direction()), text,
                                java.time.Instant.ofEpochMilli(f.arrivedMillis())));
                    }
                }
            } catch (RuntimeException e) {
                // One bad frame must not stop the camera: log it and read the next.
                LOG.warn("{}: frame not decoded: {}", config.id(), e.toString());
            }
        }
    }

    /** A grabber that runs but sends nothing (a hung webcam) is stopped; the session restarts it. */
    private void watchdog() {
        if (closed) {
            return;
        }
        LinkSession s = session;
        ByteLink link = current;
        if (s != null && s.isConnected() && link != null && clock.millis() - lastFrameMillis > STALL.toMillis()) {
            if (!stalled) {
                LOG.warn("{}: no frame for {} s: restarting the camera", config.id(), STALL.toSeconds());
            }
            stalled = true;
            s.fault("no frame from the camera for " + STALL.toSeconds() + " s");
            link.close();
        } else {
            stalled = false;
        }
        scheduler.schedule(Duration.ofSeconds(1), this::watchdog);
    }

    @Override
    public void close() {
        closed = true;
        latest.close();
        LinkSession s = session;
        if (s != null) {
            s.close();
        }
    }
}

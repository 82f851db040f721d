package org.gridgate.sim.perf.camera;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gridgate.credential.qr.GreyImage;
import org.gridgate.credential.qr.QrDecoder;
import org.gridgate.sim.devices.camera.Degradation;
import org.gridgate.sim.devices.camera.PhoneScreens;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;

/**
 * The camera's decoder on one core: 640x480 grey frames of phones showing passes (clean, turned,
 * tilted, glare, JPEG, moiré), decoded as the camera scanner does (the fast pass, then the slower
 * ones within one frame interval at 15 fps), against plain ZXing (hybrid binarizer, TRY_HARDER, one
 * pass) on the same frames in the same run; empty frames as an idle gate sees them; and, with a gate
 * running, the time from the first frame holding a code to the gate's decision
 * ({@link FrameToDecision}).
 */
public final class CameraSuite implements PerfSuite {
    static final int FPS = 15;
    private static final List<Degradation> LOOKS = List.of(Degradation.CLEAN, Degradation.ROTATED,
            Degradation.PERSPECTIVE, Degradation.GLARE, Degradation.JPEG, Degradation.MOIRE);

    @Override
    public String name() {
        return "camera";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        int distinct = options.quick() ? 12 : 48;
        int rounds = options.quick() ? 3 : 10;
        List<byte[]> withCode = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            String text = "GG1:" + Long.toString(options.seed() * 7919 + i, 36).toUpperCase()
                    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(6);
            texts.add(text);
            withCode.add(grey(PhoneScreens.frame(text, LOOKS.get(i % LOOKS.size()), options.seed() + i)));
        }
        List<byte[]> empty = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            empty.add(grey(PhoneScreens.emptyFrame(options.seed() + 1000 + i)));
        }
        long budget = 1_000_000_000L / FPS;
        QrDecoder decoder = new QrDecoder();
        // Warm-up: the JIT compiles ZXing's inner loops.
        for (int i = 0; i < distinct; i++) {
            decoder.decode(image(withCode.get(i)), budget);
            plain(withCode.get(i));
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ours = new long[distinct * rounds];
        long[] oursCpu = new long[distinct * rounds];
        long[] peer = new long[distinct * rounds];
        int read = 0;
        int peerRead = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < distinct; i++) {
                int k = r * distinct + i;
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                // One decoder for the run, as the camera keeps one: it learns what its passes cost.
                var got = decoder.decode(image(withCode.get(i)), budget);
                ours[k] = System.nanoTime() - t0;
                oursCpu[k] = cpu.getCurrentThreadCpuTime() - c0;
                read += got.isPresent() && got.get().text().equals(texts.get(i)) ? 1 : 0;
                t0 = System.nanoTime();
                String p = plain(withCode.get(i));
                peer[k] = System.nanoTime() - t0;
                peerRead += texts.get(i).equals(p) ? 1 : 0;
            }
        }
        double p99 = percentile(ours, 0.99);
        report.add("camera_decode_ms_p50", percentile(ours, 0.5), "ms");
        report.add("camera_decode_ms_p99", p99, "ms");
        report.add("camera_fps_at_p99", 1000.0 / p99, "fps");
        // CPU time of the decoding thread: what one core spends, whatever else the machine runs.
        report.add("camera_decode_cpu_ms_p99", percentile(oursCpu, 0.99), "ms");
        report.add("camera_fps_at_cpu_p99", 1000.0 / percentile(oursCpu, 0.99), "fps");
        report.add("camera_frames_read_pct", 100.0 * read / ours.length, "%");
        double peerP99 = percentile(peer, 0.99);
        report.add("zxing_plain_decode_ms_p99", peerP99, "ms");
        report.add("zxing_plain_frames_read_pct", 100.0 * peerRead / peer.length, "%");
        report.add("camera_vs_plain_zxing_p99_ratio", p99 / peerP99, "x");

        long[] idle = new long[empty.size() * rounds * 4];
        for (int k = 0; k < idle.length; k++) {
            long t0 = System.nanoTime();
            decoder.decode(image(empty.get(k % empty.size())), 0);
            idle[k] = System.nanoTime() - t0;
        }
        report.add("camera_idle_decode_ms_p99", percentile(idle, 0.99), "ms");
        report.note("camera_frames", distinct + " distinct 640x480 frames x " + rounds + " rounds, one thread; looks "
                + LOOKS + "; budget " + budget / 1_000_000 + " ms a frame (15 fps)");

        FrameToDecision.run(options, report, options.quick() ? 5 : 20);
    }

    static byte[] grey(BufferedImage frame) {
        return GreyImage.of(frame).pixels();
    }

    static GreyImage image(byte[] luma) {
        return new GreyImage(luma, PhoneScreens.FRAME_WIDTH, PhoneScreens.FRAME_HEIGHT);
    }

    private static String plain(byte[] luma) {
        try {
            var source = new PlanarYUVLuminanceSource(luma, PhoneScreens.FRAME_WIDTH, PhoneScreens.FRAME_HEIGHT, 0, 0,
                    PhoneScreens.FRAME_WIDTH, PhoneScreens.FRAME_HEIGHT, false);
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, true)).getText();
        } catch (Exception e) {
            return null;
        }
    }

    static double percentile(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
    }
}

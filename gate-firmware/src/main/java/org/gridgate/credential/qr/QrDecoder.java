package org.gridgate.credential.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds a code in a picture with ZXing, combining its options pass after pass until one reads it.
 * The first pass (hybrid binarizer, no extra effort) reads a tidy camera frame in a few milliseconds;
 * the later ones each answer one reason real codes are missed:
 * <ul>
 *   <li>no quiet zone: ZXing's finder-pattern check walks outwards from a candidate and gives up at the
 *       picture's edge, so a code printed edge to edge is never found; a white border is added;</li>
 *   <li>tiny modules: the hybrid binarizer thresholds 8x8 blocks, coarser than a one- or two-pixel
 *       module, and the finder's 1:1:3:1:1 run check fails on runs of one pixel; the picture is
 *       enlarged pixel for pixel and the global-histogram binarizer tried;</li>
 *   <li>light on dark: inverted codes are turned back;</li>
 *   <li>a perfect screenshot now and then defeats the detector; pure-barcode mode reads it directly;</li>
 *   <li>huge photos are shrunk (fast, and block means average away noise and a screen's moiré);</li>
 *   <li>clutter around the code (other squares that look like finder patterns): the multi-code
 *       detector tries every triple of candidates instead of the three best.</li>
 * </ul>
 * Not thread-safe (the readers keep state): one decoder per thread.
 */
public final class QrDecoder {
    /** A code found: its text, its symbology, and the pass that read it (for the camera's statistics). */
    public record Decoded(String text, BarcodeFormat format, String pass) {
        @Override
        public String toString() {
            return "Decoded[" + format + ", " + text.length() + " chars, " + pass + "]";
        }
    }

    private enum Effort { FAST, HARD, PURE, MULTI }

    private enum Bin { HYBRID, GLOBAL }

    private record Pass(String name, String picture, Bin binarizer, Effort effort) {}

    private static final int HUGE = 1600;
    private static final int SHRINK_TO = 1000;

    private final Set<BarcodeFormat> formats;
    private final Map<Effort, MultiFormatReader> readers = new EnumMap<>(Effort.class);
    private final Map<Effort, Map<DecodeHintType, Object>> hints = new EnumMap<>(Effort.class);
    private final QRCodeMultiReader multi = new QRCodeMultiReader();
    private int cursor = 1;
    /** What each pass has cost lately (nanoseconds, moving average): a pass is started only if it fits the budget. */
    private final Map<String, Long> cost = new HashMap<>();

    /** A decoder for QR codes only. */
    public QrDecoder() {
        this(EnumSet.of(BarcodeFormat.QR_CODE));
    }

    /** A decoder for the given symbologies (a camera's {@code formats}). */
    public QrDecoder(Set<BarcodeFormat> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one format to accept");
        }
        this.formats = EnumSet.copyOf(formats);
        for (Effort e : Effort.values()) {
            Map<DecodeHintType, Object> h = new EnumMap<>(DecodeHintType.class);
            h.put(DecodeHintType.POSSIBLE_FORMATS, List.copyOf(this.formats));
            if (e != Effort.FAST) {
                h.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            }
            if (e == Effort.PURE) {
                h.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
            }
            hints.put(e, h);
            MultiFormatReader r = new MultiFormatReader();
            r.setHints(h);
            readers.put(e, r);
        }
    }

    /** Every pass until one reads a code: for pictures (conformance cases, a photo of a pass). */
    public Optional<Decoded> decode(GreyImage image) {
        return decode(image, Long.MAX_VALUE);
    }

    /**
     * For a camera: the fast pass always, then further passes while {@code budgetNanos} lasts, going
     * on next frame where this one stopped. A code held up for a second meets every pass several
     * times, while no frame costs much more than the budget.
     */
    public Optional<Decoded> decode(GreyImage image, long budgetNanos) {
        long start = System.nanoTime();
        List<Pass> passes = passes(image);
        Map<String, GreyImage> pictures = new HashMap<>();
        Optional<Decoded> found = attempt(passes.get(0), image, pictures);
        if (found.isPresent()) {
            return found;
        }
        int n = passes.size() - 1;
        if (cursor > n) {
            cursor = 1;
        }
        for (int i = 0; i < n; i++) {
            Pass pass = passes.get(cursor);
            long spent = System.nanoTime() - start;
            cursor = cursor == n ? 1 : cursor + 1;
            if (budgetNanos != Long.MAX_VALUE && spent + cost.getOrDefault(pass.name(), 0L) > budgetNanos) {
                // It would overrun this frame: skipped. Its remembered cost halves at each skip, so a
                // pass slowed once by a busy machine is tried again a few frames on.
                cost.computeIfPresent(pass.name(), (k, v) -> v / 2);
                continue;
            }
            long t0 = System.nanoTime();
            found = attempt(pass, image, pictures);
            long took = System.nanoTime() - t0;
            cost.merge(pass.name(), took, (old, now) -> (old * 3 + now) / 4);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The passes {@link #decode(GreyImage)} tries on this picture, in order (for diagnostics and tests). */
    public List<String> passNames(GreyImage image) {
        return passes(image).stream().map(Pass::name).toList();
    }

    /** One pass on its own: which of them reads a picture (diagnostics and tests). */
    public Optional<Decoded> decodeWith(GreyImage image, String passName) {
        Pass pass = passes(image).stream().filter(p -> p.name().equals(passName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pass " + passName + " for this picture"));
        return attempt(pass, image, new HashMap<>());
    }

    private List<Pass> passes(GreyImage image) {
        List<Pass> p = new ArrayList<>();
        int longest = Math.max(image.width(), image.height());
        int shortest = Math.min(image.width(), image.height());
        if (longest > HUGE) {
            p.add(new Pass("shrunk", "shrunk", Bin.HYBRID, Effort.FAST));
            p.add(new Pass("shrunk-hard", "shrunk", Bin.HYBRID, Effort.HARD));
        }
        p.add(new Pass("hybrid", "as-is", Bin.HYBRID, Effort.FAST));
        p.add(new Pass("hybrid-hard", "as-is", Bin.HYBRID, Effort.HARD));
        p.add(new Pass("padded", "padded", Bin.HYBRID, Effort.HARD));
        p.add(new Pass("global", "as-is", Bin.GLOBAL, Effort.HARD));
        p.add(new Pass("inverted", "inverted", Bin.HYBRID, Effort.HARD));
        p.add(new Pass("padded-pure", "padded", Bin.HYBRID, Effort.PURE));
        p.add(new Pass("padded-global", "padded", Bin.GLOBAL, Effort.HARD));
        p.add(new Pass("inverted-padded", "inverted-padded", Bin.HYBRID, Effort.HARD));
        if (shortest < 800) {
            p.add(new Pass("enlarged", "enlarged", Bin.HYBRID, Effort.HARD));
            p.add(new Pass("enlarged-global", "enlarged", Bin.GLOBAL, Effort.HARD));
        }
        if (shortest < 800) {
            p.add(new Pass("inverted-enlarged", "inverted-enlarged", Bin.HYBRID, Effort.HARD));
        }
        if (shortest >= 200) {
            p.add(new Pass("halved", "halved", Bin.HYBRID, Effort.HARD));
        }
        p.add(new Pass("smoothed", "smoothed", Bin.HYBRID, Effort.HARD));
        p.add(new Pass("mended", "mended", Bin.HYBRID, Effort.HARD));
        p.add(new Pass("sharpened", "sharpened", Bin.HYBRID, Effort.HARD));
        if (formats.contains(BarcodeFormat.QR_CODE)) {
            p.add(new Pass("multi", "as-is", Bin.HYBRID, Effort.MULTI));
            p.add(new Pass("multi-padded", "padded", Bin.GLOBAL, Effort.MULTI));
        }
        p.add(new Pass("inverted-pure", "inverted-padded", Bin.HYBRID, Effort.PURE));
        if (shortest < 800) {
            p.add(new Pass("enlarged-pure", "enlarged", Bin.GLOBAL, Effort.PURE));
            p.add(new Pass("inverted-enlarged-pure", "inverted-enlarged", Bin.GLOBAL, Effort.PURE));
        }
        p.add(new Pass("turned", "turned", Bin.HYBRID, Effort.HARD));
        for (String strength : List.of("12", "22", "32")) {
            for (int side = 0; side < 4; side++) {
                p.add(new Pass("keystone-" + side + "-" + strength, "keystone-" + side + "-" + strength, Bin.HYBRID, Effort.HARD));
            }
        }
        p.add(new Pass("smoothed-global", "smoothed", Bin.GLOBAL, Effort.HARD));
        return p;
    }

    private GreyImage picture(String name, GreyImage image, Map<String, GreyImage> cache) {
        GreyImage cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        int shortest = Math.min(image.width(), image.height());
        UnaryOperator<GreyImage> make = switch (name) {
            case "as-is" -> i -> i;
            case "shrunk" -> i -> i.downscaled((Math.max(i.width(), i.height()) + SHRINK_TO - 1) / SHRINK_TO);
            case "padded" -> i -> i.padded(quietZone(i));
            case "inverted" -> GreyImage::inverted;
            case "inverted-padded" -> i -> picture("inverted", i, cache).padded(quietZone(i));
            // Small pictures three times (one-pixel modules become three), larger ones twice.
            case "enlarged" -> i -> picture("padded", i, cache).upscaled(shortest < 300 ? 3 : 2);
            case "inverted-enlarged" -> i -> picture("inverted-padded", i, cache).upscaled(shortest < 300 ? 3 : 2);
            case "halved" -> i -> i.downscaled(2);
            case "smoothed" -> GreyImage::smoothed;
            case "mended" -> GreyImage::mended;
            case "sharpened" -> GreyImage::sharpened;
            // 45 degrees: a code at an awkward angle to the pixel grid gets clean rows the other way.
            case "turned" -> i -> picture("padded", i, cache).rotated(45);
            default -> {
                if (!name.startsWith("keystone-")) {
                    throw new IllegalStateException(name);
                }
                // keystone-SIDE-PERCENT
                int side = name.charAt(9) - '0';
                double shrink = Integer.parseInt(name.substring(11)) / 100.0;
                yield i -> i.keystoned(side, shrink);
            }
        };
        GreyImage made = make.apply(image);
        cache.put(name, made);
        return made;
    }

    private static int quietZone(GreyImage image) {
        return Math.max(8, Math.min(image.width(), image.height()) / 8);
    }

    private Optional<Decoded> attempt(Pass pass, GreyImage image, Map<String, GreyImage> cache) {
        try {
            GreyImage pic = picture(pass.picture(), image, cache);
            LuminanceSource source = new PlanarYUVLuminanceSource(pic.pixels(), pic.width(), pic.height(), 0, 0,
                    pic.width(), pic.height(), false);
            Binarizer b = pass.binarizer() == Bin.HYBRID ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source);
            BinaryBitmap bitmap = new BinaryBitmap(b);
            Result r;
            if (pass.effort() == Effort.MULTI) {
                Result[] all = multi.decodeMultiple(bitmap, hints.get(Effort.HARD));
                r = all.length > 0 ? all[0] : null;
            } else {
                r = readers.get(pass.effort()).decodeWithState(bitmap);
            }
            return r == null || r.getText() == null ? Optional.empty()
                    : Optional.of(new Decoded(r.getText(), r.getBarcodeFormat(), pass.name()));
        } catch (ReaderException | RuntimeException e) {
            // Not found, or ZXing tripped over a degenerate picture: the next pass may read it.
            return Optional.empty();
        } finally {
            readers.get(pass.effort() == Effort.MULTI ? Effort.HARD : pass.effort()).reset();
        }
    }
}

package org.gridgate.scanner.camera;

/**
 * Whether something is happening in front of the camera. The decoder's slower passes run only for a
 * while after the picture last changed: a hard code held up gets every pass many times over, while
 * an empty gate costs one fast pass a frame instead of a whole core.
 */
final class Activity {
    /** Mean change in grey levels (0-255), over a sparse grid, that counts as movement. */
    static final double MOVED = 3.0;
    private static final int STEP = 8;

    private final long holdMillis;
    private byte[] previous;
    private long lastChange = Long.MIN_VALUE / 2;

    Activity(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    /** Looks at a frame; true while the scene changed within the hold time (or a code was just read). */
    boolean active(byte[] luma, int width, int height, long atMillis) {
        if (previous == null || previous.length != luma.length) {
            previous = luma;
            lastChange = atMillis;
            return true;
        }
        long sum = 0;
        int n = 0;
        for (int y = STEP / 2; y < height; y += STEP) {
            int row = y * width;
            for (int x = STEP / 2; x < width; x += STEP) {
                sum += Math.abs((luma[row + x] & 0xff) - (previous[row + x] & 0xff));
                n++;
            }
        }
        previous = luma;
        if (n > 0 && (double) sum / n >= MOVED) {
            lastChange = atMillis;
        }
        return atMillis - lastChange <= holdMillis;
    }

    /** A code was read: keep looking hard for a while (the next resident is usually right behind). */
    void codeSeen(long atMillis) {
        lastChange = atMillis;
    }
}

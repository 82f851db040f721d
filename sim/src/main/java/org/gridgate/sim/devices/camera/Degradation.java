package org.gridgate.sim.devices.camera;

/**
 * The ways a real code reaches the decoder less than tidy. The first five are pictures (a screenshot,
 * an issuer's PNG); the rest are camera frames of a phone held up to the gate.
 */
public enum Degradation {
    /** A camera frame of a phone showing the code square to the lens: the common case. */
    CLEAN(true),
    /** An issuer's picture cut edge to edge, no white border. */
    NO_QUIET_ZONE(false),
    /** One pixel per module, with or without a border. */
    ONE_PIXEL_MODULES(false),
    /** Version 25 and up (117 modules a side or more: a long text), two to four pixels a module. */
    DENSE(false),
    /** Dark modules on a transparent background (an RGBA PNG), anti-aliased edges half transparent. */
    TRANSPARENT(false),
    /** Light modules on a dark background (a phone's dark mode). */
    INVERTED(false),
    /** The phone turned 5 to 45 degrees. */
    ROTATED(true),
    /** The phone tilted away from the lens (keystone, up to about 35 degrees). */
    PERSPECTIVE(true),
    /** Out of focus or moving. */
    BLUR(true),
    /** Heavy JPEG compression, as a cheap webcam's MJPEG stream. */
    JPEG(true),
    /** A bright reflection on the screen glass over part of the code. */
    GLARE(true),
    /** The pixel grid of a photographed screen beating with the sensor's: moiré fringes. */
    MOIRE(true),
    /** Cracks across the screen glass: thin dark and bright lines through the code. */
    CRACKED(true),
    /**
     * Out of focus by half a module or more. Not always readable by any decoder: neighbouring modules
     * merge and the bits are gone; the phone must come into the camera's focus range.
     */
    HEAVY_BLUR(true, "blur of half a module or more merges neighbouring modules: the bits are gone"),
    /**
     * A reflection over a finder pattern. Not always readable: a QR code is located by its three finder
     * patterns, and error correction does not cover them; the resident tilts the phone.
     */
    GLARE_ON_FINDER(true, "a finder pattern under a white spot cannot be located: error correction does not cover it");

    private final boolean cameraFrame;
    private final String unreadableBecause;

    Degradation(boolean cameraFrame) {
        this(cameraFrame, "");
    }

    Degradation(boolean cameraFrame, String unreadableBecause) {
        this.cameraFrame = cameraFrame;
        this.unreadableBecause = unreadableBecause;
    }

    /** Whether every picture of this class holds a code a decoder can read (the corpus requires 100 % of these). */
    public boolean readable() {
        return unreadableBecause.isEmpty();
    }

    /** Why a class is not always readable by any decoder; empty when it is. */
    public String unreadableBecause() {
        return unreadableBecause;
    }

    /** A frame from the camera (640x480 grey) rather than a picture file. */
    public boolean cameraFrame() {
        return cameraFrame;
    }
}

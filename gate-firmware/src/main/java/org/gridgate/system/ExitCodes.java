package org.gridgate.system;

/** Exit codes from sysexits.h; the unit file keys on 78 to avoid restart loops on a broken config. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 64;
    public static final int UNAVAILABLE = 69;
    public static final int SOFTWARE = 70;
    public static final int CANT_CREATE = 73;
    public static final int IO_ERROR = 74;
    public static final int CONFIG = 78;

    private ExitCodes() {}
}

package org.gridgate.system.notify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code NOTIFY_SOCKET} value turned into a Linux {@code struct sockaddr_un}.
 *
 * <p>systemd hands out either a filesystem path ({@code /run/systemd/notify}) or, in containers
 * and some managers, an abstract-namespace name written with a leading {@code @}, which on the wire
 * is a leading NUL byte. Abstract names are not NUL-terminated: their length is exactly the address
 * length passed to the kernel, so a trailing NUL would name a different socket. Other forms systemd
 * knows ({@code vsock:CID:PORT}) are refused: a gate never runs under a VM manager.
 */
public final class NotifySocketAddress {
    /** Linux {@code AF_UNIX}. */
    static final short AF_UNIX = 1;
    /** {@code sizeof(sun_family)} on Linux: the path starts at this offset. */
    private static final int PATH_OFFSET = 2;
    /** {@code sizeof(sun_path)} on Linux. */
    private static final int PATH_CAPACITY = 108;

    private final String text;
    private final byte[] sockaddr;

    private NotifySocketAddress(String text, byte[] sockaddr) {
        this.text = text;
        this.sockaddr = sockaddr;
    }

    /**
     * Parses a {@code NOTIFY_SOCKET} value.
     *
     * @throws IllegalArgumentException if it is neither an absolute path nor {@code @name}, or does
     *     not fit {@code sun_path}
     */
    public static NotifySocketAddress parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is empty");
        }
        boolean isAbstract = value.charAt(0) == '@';
        if (!isAbstract && value.charAt(0) != '/') {
            throw new IllegalArgumentException(
                    "NOTIFY_SOCKET must be an absolute path or @abstract name, got '" + value + "'");
        }
        byte[] name = value.getBytes(StandardCharsets.UTF_8);
        if (isAbstract) {
            name[0] = 0; // '@' is how humans write the leading NUL of an abstract name
        } else if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NOTIFY_SOCKET path contains a NUL byte");
        }
        // A path needs room for its terminating NUL; an abstract name uses all of sun_path.
        int pathBytes = isAbstract ? name.length : name.length + 1;
        if (name.length < 2 || pathBytes > PATH_CAPACITY) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + value + "' does not fit a sockaddr_un");
        }
        ByteBuffer b = ByteBuffer.allocate(PATH_OFFSET + pathBytes).order(ByteOrder.nativeOrder());
        b.putShort(AF_UNIX).put(name);
        return new NotifySocketAddress(value, b.array()); // the trailing NUL of a path is the zeroed last byte
    }

    /** The address as {@code NOTIFY_SOCKET} spells it. */
    public String text() {
        return text;
    }

    public boolean isAbstract() {
        return text.charAt(0) == '@';
    }

    /** A fresh copy of the {@code sockaddr_un} bytes; its length is the {@code socklen_t} to pass. */
    public byte[] sockaddr() {
        return sockaddr.clone();
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.gridgate.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version this build reports everywhere: {@code gate version}, the retained MQTT status, the
 * console's footer. It is written into {@code build.properties} by the build (from git, see the parent
 * POM's {@code gridgate.version}), so classes run from a jar and from {@code target/classes} say the same.
 */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the classpath: a broken build");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException("build.properties holds no version ('" + v
                        + "'): build from a git checkout, or pass -Dgridgate.version=...");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

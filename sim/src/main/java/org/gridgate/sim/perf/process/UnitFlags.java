package org.gridgate.sim.perf.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of {@code systemd/gridgate.service}'s ExecStart, with the class-data archive
 * moved from the gate's state directory to the bench's scratch folder. A test keeps this list
 * and the unit file in step.
 */
public final class UnitFlags {
    /** Where the unit keeps its archive (the StateDirectory, writable under ProtectSystem=strict). */
    static final String UNIT_ARCHIVE = "/var/lib/gridgate/gridgate.jsa";
    public static final List<String> BASE = List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto");

    /** The unit's {@code Nice=}: how far above other processes the gate's CPU priority is. */
    public static final int NICE = -5;

    private UnitFlags() {}

    /** As shipped: the base options plus the self-refreshing AppCDS archive. */
    static List<String> shipped(Path archive) {
        List<String> f = new ArrayList<>(BASE);
        f.addAll(archiveFlags(archive.toString()));
        return f;
    }

    /**
     * Options to try on top of the unit's ({@code -Dgridgate.perf.extraJvm="-XX:... -XX:..."}), for
     * finding what a change to the unit would buy; the report notes them.
     */
    public static List<String> experiment() {
        String extra = System.getProperty("gridgate.perf.extraJvm", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    static List<String> archiveFlags(String archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off");
    }

    /** The same JVM with only the JDK's own class-data archive: the very first start. */
    static List<String> withoutArchive() {
        return BASE;
    }
}

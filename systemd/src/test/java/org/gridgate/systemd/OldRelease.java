package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The previous release's .deb, built from its commit in our own history (previous-release.properties)
 * in a clone beside the build, once per machine: an upgrade test starts from what sites really run.
 */
final class OldRelease {
    private OldRelease() {
    }

    static String version() throws Exception {
        return properties().getProperty("version");
    }

    static synchronized Path deb() throws Exception {
        Properties p = properties();
        String commit = p.getProperty("commit");
        Path cache = Path.of(Optional.ofNullable(System.getenv("GRIDGATE_CACHE"))
                .orElse(System.getProperty("user.home") + "/.cache/gridgate"));
        Path deb = cache.resolve("release-" + commit).resolve("gridgate_" + p.getProperty("version") + "_all.deb");
        if (Files.isRegularFile(deb)) {
            return deb;
        }
        Container.Result has = Container.run(Duration.ofSeconds(30), "git", "-C", Packages.ROOT.toString(), "cat-file", "-e",
                commit + "^{commit}");
        if (has.exit() != 0) {
            fail("commit " + commit + " of the previous release is not in this clone's history (a shallow clone?): "
                    + "git fetch --unshallow, or move previous-release.properties forward");
        }
        Path src = Files.createDirectories(cache).resolve("release-" + commit + ".src");
        Container.run(Duration.ofMinutes(2), "rm", "-rf", src.toString()).ok();
        Container.run(Duration.ofMinutes(2), "git", "clone", "-q", "--no-local", Packages.ROOT.toString(), src.toString()).ok();
        Container.run(Duration.ofMinutes(1), "git", "-C", src.toString(), "checkout", "-q", commit).ok();
        Container.run(Duration.ofMinutes(15), "sh", "-c", "cd '" + src + "' && .ci/jdk ./mvnw -B -q -ntp -DskipTests package").ok();
        Path built = src.resolve("systemd/target").resolve(deb.getFileName());
        assertEquals(true, Files.isRegularFile(built), "the previous release's build made no " + built);
        Files.createDirectories(deb.getParent());
        Files.copy(built, deb);
        Container.run(Duration.ofMinutes(2), "rm", "-rf", src.toString());
        return deb;
    }

    private static Properties properties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = OldRelease.class.getResourceAsStream("/previous-release.properties")) {
            p.load(in);
        }
        return p;
    }
}

package org.gridgate.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.CredentialConfig.RootKey;
import org.gridgate.config.CredentialConfig.TrustAnchor;
import org.gridgate.config.PolicyConfig.MaskPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a gate config file into a {@link GateConfig}. Every problem in the file is reported at
 * once, each as {@code FILE:LINE: field.path: message}. Relative paths in the file are resolved
 * against the file's own directory. The loader reads the file and the small sections; a section
 * with rules of its own is read by its {@code *Section} class ({@link ThermometerSection},
 * {@link ScannerSection}, {@link GpioSection}, {@link MqttSection}, {@link ConsoleSection},
 * {@link ResidentSection}).
 */
public final class ConfigLoader {
    /** Largest config file accepted; a real one is a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigLoader() {}

    public static GateConfig load(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw single(name, 1, "", "file is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw single(name, 1, "", "no such file" + (Files.isDirectory(file.toAbsolutePath().getParent() == null
                    ? Path.of("/") : file.toAbsolutePath().getParent()) ? "" : " (nor its folder)")
                    + ": give the path of the gate's config, e.g. /etc/gridgate/gridgate.yaml");
        } catch (java.nio.file.AccessDeniedException e) {
            throw single(name, 1, "", "permission denied: the config is root:gridgate 0640; "
                    + "run as the service user (sudo -u gridgate ...) or as root");
        } catch (IOException e) {
            throw single(name, 1, "", "cannot read file: " + (Files.isDirectory(file) ? "it is a folder"
                    : e.getMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(name, base, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses config text; {@code base} resolves relative paths. */
    public static GateConfig parse(String name, Path base, String text) throws ConfigException {
        Node root;
        try (Reader r = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their line
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(20);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw single(name, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw single(name, 1, "", "not valid YAML: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // SnakeYAML checks some node contents (e.g. a tag like "!!x%20") outside its YAMLException
            // hierarchy; that is still a malformed file, not a crash.
            throw single(name, 1, "", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw single(name, 1, "", "file is empty");
        }
        Problems problems = new Problems(name);
        Section top = Section.of(problems, "", root);
        GateConfig config = read(top, base == null ? Path.of(".") : base, problems);
        top.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return config;
    }

    private static ConfigException single(String file, int line, String path, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, line, path, message)));
    }

    private static GateConfig read(Section top, Path base, Problems problems) {
        Claims claims = new Claims();
        GateIdentity gate = gate(top.section("gate"));
        StorageConfig storage = storage(top.section("storage"), base);
        PolicyConfig policy = policy(top.sectionOrEmpty("policy"));
        ThermometerConfig thermo = ThermometerSection.read(top.section("thermometer"), claims);
        List<ScannerConfig> scanners = ScannerSection.readAll(top, claims);
        GpioConfig gpio = GpioSection.read(top.section("gpio"), claims);
        Optional<MqttConfig> mqtt = top.optSection("mqtt").map(s -> {
            MqttConfig m = mqtt(s, gate, base);
            s.finish();
            return m;
        });
        CredentialConfig creds = credentials(top.sectionOrEmpty("credentials"));
        Optional<ConsoleConfig> console = top.optSection("console").map(s -> console(s, base));
        Optional<MaskLineConfig> maskLine = top.optSection("maskLine").map(s -> maskLine(s, claims));
        ResidentConfig resident = ResidentSection.read(top, base, claims);
        return new GateConfig(Path.of(problems.file()), gate, storage, policy, thermo, scanners, gpio, mqtt, creds,
                console, maskLine, resident);
    }

    private static GateIdentity gate(Section s) {
        String id = s.string("id");
        checkName(s, "id", id);
        String community = s.string("community");
        checkName(s, "community", community);
        ZoneId zone = ZoneId.of("UTC");
        Optional<String> tz = s.optString("timezone");
        if (tz.isPresent()) {
            try {
                zone = ZoneId.of(tz.get());
            } catch (DateTimeException e) {
                s.problem("timezone", "unknown time zone '" + tz.get() + "' (use e.g. Asia/Shanghai)");
            }
        }
        s.finish();
        return new GateIdentity(id, community, zone);
    }

    /** Ids become MQTT topic levels and file names: keep them to a safe alphabet. */
    private static void checkName(Section s, String key, String value) {
        if (!value.isEmpty() && !value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            s.problem(key, "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static StorageConfig storage(Section s, Path base) {
        Path journal = s.resolve("journal", s.string("journal"), base);
        Path key = s.resolve("identityKeyFile", s.string("identityKeyFile", "identity.key"), base);
        int days = (int) s.integer("retentionDays", 30, 1, 3650);
        long budget = s.integer("diskBudgetMb", 512, 1, 1_000_000);
        s.finish();
        return new StorageConfig(journal, key, days, budget);
    }

    private static PolicyConfig policy(Section s) {
        double fever = s.decimal("feverThresholdC", 37.3, 35.0, 40.0);
        double min = s.decimal("plausibleSkinMinC", 30.0, 20.0, 40.0);
        double max = s.decimal("plausibleSkinMaxC", 45.0, 35.0, 60.0);
        if (min >= max) {
            s.problem("plausibleSkinMaxC", "must be above plausibleSkinMinC");
        }
        MaskPolicy mask = s.choice("mask", MaskPolicy.class, MaskPolicy.REQUIRED, false);
        long window = s.integer("passageWindowS", 15, 1, 300);
        long grace = s.integer("maskGraceS", 3, 0, 300);
        long release = s.integer("lockReleaseS", 5, 1, 120);
        Section quota = s.sectionOrEmpty("exitQuota");
        int persons = (int) quota.integer("persons", 0, 0, 100);
        long days = quota.integer("days", 3, 1, 60);
        quota.finish();
        Section passback = s.sectionOrEmpty("antiPassback");
        long passbackMin = passback.integer("minutes", 0, 0, 24 * 60);
        boolean passbackDeny = passback.bool("deny", false);
        passback.finish();
        boolean assisted = s.bool("assistedPass", true);
        boolean maskByHand = s.bool("maskConfirmByVolunteer", true);
        long held = s.integer("doorHeldOpenS", 30, 5, 600);
        long pre = s.integer("doorPreAlarmS", 20, 1, 600);
        boolean onePass = s.bool("onePassOneEntry", true);
        if (pre >= held) {
            s.problem("doorPreAlarmS", "must be less than doorHeldOpenS (" + held + ")");
        }
        s.finish();
        return new PolicyConfig(fever, min, max, mask, Duration.ofSeconds(window), Duration.ofSeconds(grace),
                Duration.ofSeconds(release), persons, Duration.ofDays(days), Duration.ofMinutes(passbackMin),
                passbackDeny, assisted, maskByHand, Duration.ofSeconds(held), Duration.ofSeconds(pre), onePass);
    }

    private static MaskLineConfig maskLine(Section s, Claims claims) {
        String id = s.string("id", MaskLineConfig.DEFAULT_ID);
        String port = s.string("port");
        int baud = (int) s.integer("baud", 9600, 1200, 921_600);
        ScannerConfig.Terminator term = s.choice("terminator", ScannerConfig.Terminator.class,
                ScannerConfig.Terminator.CRLF, false);
        String present = s.string("present", "MASK").strip();
        String absent = s.string("absent", "NOMASK").strip();
        if (present.isEmpty() || absent.isEmpty() || present.equalsIgnoreCase(absent)) {
            s.problem("absent", "present and absent must be two different, non-empty lines");
        }
        claims.port(s, "port", port);
        s.finish();
        return new MaskLineConfig(id, port, baud, term, present, absent);
    }

    private static MqttConfig mqtt(Section s, GateIdentity gate, Path base) {
        return MqttSection.read(s, gate, base);
    }

    private static CredentialConfig credentials(Section s) {
        String prefix = s.string("communityPrefix", "GG1:");
        if (!prefix.matches("[A-Z0-9]{2,8}:")) {
            s.problem("communityPrefix", "must be 2-8 upper-case letters or digits followed by ':'");
        }
        List<TrustAnchor> anchors = s.list("trustAnchors", a -> new TrustAnchor(a.string("kid"), a.string("publicKey")));
        long skew = s.integer("clockSkewS", 300, 0, 86_400);
        List<RootKey> roots = s.list("rootKeys", a -> new RootKey(a.string("kid"), a.string("publicKey")));
        s.finish();
        return new CredentialConfig(prefix, anchors, Duration.ofSeconds(skew), roots);
    }

    /** The volunteer console; its rules (LAN only with TLS, PIN hash format) live in {@link ConsoleSection}. */
    private static ConsoleConfig console(Section s, Path base) {
        ConsoleConfig c = ConsoleSection.read(s, base);
        s.finish();
        return c;
    }

}

package org.gridgate.credential.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs EU DCC conformance vectors in the dgc-testdata format through the gate's own pipeline steps.
 * Every EXPECTED* key of a case is evaluated except the JSON-schema ones; a case passes when every
 * evaluable key came out as expected, and is skipped when none was evaluable. Output: one line per
 * failing case, then exactly "N passed, M failed, K skipped". Prints no certificate content.
 */
public final class ConformanceRunner {
    private static final List<String> NOT_EVALUATED = List.of("EXPECTEDSCHEMAVALIDATION", "EXPECTEDVALIDOBJECT");

    private ConformanceRunner() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ConformanceRunner DIR");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), System.out));
    }

    /** Exit code: 0 if no case failed, 1 if some did, 2 if {@code dir} is not a directory or holds no case. */
    public static int run(Path dir, PrintStream out) {
        if (!Files.isDirectory(dir)) {
            out.println("conformance: " + dir + " is not a directory");
            out.println("0 passed, 0 failed, 0 skipped");
            return 2;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            out.println("conformance: cannot walk " + dir + ": " + e.getMessage());
            out.println("0 passed, 0 failed, 0 skipped");
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            JsonNode root;
            try {
                root = mapper.readTree(file.toFile());
            } catch (IOException e) {
                out.println("FAIL " + name + " - expected=- got=- (not readable JSON)");
                failed++;
                continue;
            }
            if (root == null || !root.path("EXPECTEDRESULTS").isObject()) {
                continue; // not a test case (e.g. a schema or a trust list next to the vectors)
            }
            Optional<String> failures = runCase(root);
            if (failures == null) {
                skipped++;
            } else if (failures.isPresent()) {
                out.println("FAIL " + name + " " + failures.get());
                failed++;
            } else {
                passed++;
            }
        }
        int total = passed + failed + skipped;
        if (total == 0) {
            out.println("conformance: no dgc-testdata case in " + dir);
        }
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return total == 0 ? 2 : failed == 0 ? 0 : 1;
    }

    /** Null when no key was evaluable; empty when all came out as expected; else the mismatches. */
    private static Optional<String> runCase(JsonNode root) {
        CaseEvaluator evaluator = new CaseEvaluator(new CaseInputs(root));
        List<String> mismatches = new ArrayList<>();
        boolean evaluated = false;
        for (Map.Entry<String, JsonNode> e : root.get("EXPECTEDRESULTS").properties()) {
            if (NOT_EVALUATED.contains(e.getKey()) || !e.getValue().isBoolean()) {
                continue;
            }
            Optional<CaseEvaluator.Outcome> outcome;
            try {
                outcome = evaluator.evaluate(e.getKey());
            } catch (RuntimeException ex) {
                outcome = Optional.of(CaseEvaluator.Outcome.failed("runner error: " + ex.getClass().getSimpleName()));
            }
            if (outcome.isEmpty()) {
                continue;
            }
            evaluated = true;
            boolean expected = e.getValue().booleanValue();
            if (outcome.get().succeeded() != expected) {
                String why = outcome.get().succeeded() ? "step succeeded" : outcome.get().reason();
                mismatches.add(e.getKey() + " expected=" + expected + " got=" + outcome.get().succeeded() + " (" + why + ")");
            }
        }
        if (!evaluated) {
            return null;
        }
        return mismatches.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", mismatches));
    }
}

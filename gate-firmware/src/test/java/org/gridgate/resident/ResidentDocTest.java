package org.gridgate.resident;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.passage.Reason;
import org.junit.jupiter.api.Test;

/** docs/resident.md is what a community reads before it replaces clips or explains the screen: keep it complete. */
class ResidentDocTest {
    static final Path DOC = Path.of("../docs/resident.md");

    @Test
    void everyScreenIsListedWithBothLanguages() throws Exception {
        String doc = Files.readString(DOC);
        for (Screen s : Screen.values()) {
            String row = "| `" + s.name().toLowerCase(Locale.ROOT) + "` | ";
            int at = doc.indexOf(row);
            assertTrue(at >= 0, "docs/resident.md lacks the screen " + s);
            String line = doc.substring(at, doc.indexOf('\n', at));
            for (String text : new String[] {s.headline().zh(), s.detail().zh(), s.headline().en(), s.detail().en()}) {
                assertTrue(line.contains(text), "the row of " + s + " lacks '" + text + "'");
            }
        }
    }

    @Test
    void everyDenialReasonHasItsNextStepInBothLanguages() throws Exception {
        String doc = Files.readString(DOC);
        for (Reason r : Reason.values()) {
            if (NextSteps.of(r).isEmpty()) {
                assertTrue(doc.contains("`" + r.code() + "`"), "docs/resident.md should name " + r.code()
                        + " among the reasons that never deny");
                continue;
            }
            Phrase step = NextSteps.of(r).get();
            String row = "| `" + r.code() + "` | " + r.zh() + " | " + r.en() + " | " + step.zh() + " | " + step.en()
                    + " | `" + step.key() + "` |";
            assertTrue(doc.contains(row), "docs/resident.md lacks the row " + row);
        }
    }

    @Test
    void everyPictureTheDocShowsIsThere() throws Exception {
        String doc = Files.readString(DOC);
        Matcher m = Pattern.compile("\\]\\((img/[^)]+\\.png)\\)").matcher(doc);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(Files.isRegularFile(DOC.resolveSibling(m.group(1))), "missing " + m.group(1));
        }
        assertTrue(n >= Screen.values().length, "a screenshot of every screen: " + n);
        for (Reason r : Reason.values()) {
            if (NextSteps.of(r).isPresent()) {
                assertTrue(Files.isRegularFile(DOC.resolveSibling("img/resident-denied-" + r.code() + ".png")),
                        "no screenshot of the denial for " + r.code());
            }
        }
    }
}

package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md is what technicians and the server read: every reason code must be in it, with its texts. */
class RulesDocTest {
    @Test
    void everyReasonCodeIsDocumentedWithBothTexts() throws Exception {
        String doc = Files.readString(Path.of("../docs/rules.md"));
        for (Reason r : Reason.values()) {
            String row = "| `" + r.code() + "` | " + r.zh() + " | " + r.en() + " |";
            assertTrue(doc.contains(row), "docs/rules.md lacks the row " + row);
        }
    }

    @Test
    void everyPolicyKeyIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/rules.md"));
        for (String key : new String[] {"feverThresholdC", "plausibleSkinMinC", "plausibleSkinMaxC", "`mask`",
            "passageWindowS", "maskGraceS", "lockReleaseS", "exitQuota.persons", "exitQuota.days",
            "antiPassback.minutes", "antiPassback.deny", "assistedPass", "maskConfirmByVolunteer", "doorHeldOpenS",
            "doorPreAlarmS", "onePassOneEntry"}) {
            assertTrue(doc.contains(key), "docs/rules.md lacks " + key);
        }
    }
}

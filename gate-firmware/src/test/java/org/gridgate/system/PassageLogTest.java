package org.gridgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Check;
import org.gridgate.passage.Check.Kind;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.Outcome;
import org.gridgate.passage.Reason;
import org.junit.jupiter.api.Test;

class PassageLogTest {
    private static Decision decision(Outcome outcome, Check... failed) {
        List<Check> checks = new java.util.ArrayList<>(List.of(new Check(Kind.IDENTITY, true, Reason.REGISTERED, "")));
        checks.addAll(List.of(failed));
        return new Decision(outcome, Direction.ENTRY, Instant.EPOCH, checks, Optional.empty(), Optional.empty(),
                Optional.of("R-0001"), Optional.of("1-101"), Optional.empty(), GateMode.NORMAL);
    }

    @Test
    void aGrantIsOneLineWithTheMaskedIdOnly() {
        assertEquals("passage 42 entry R-0*01 granted", PassageLog.line(decision(Outcome.GRANTED), 42, "R-0*01"));
    }

    @Test
    void aDenialNamesItsReasonsButNeverAHealthStatus() {
        Decision d = decision(Outcome.DENIED, new Check(Kind.TEMPERATURE, false, Reason.FEVER, "37.9"),
                new Check(Kind.HEALTH_CODE, false, Reason.CODE_YELLOW, ""),
                new Check(Kind.MASK, false, Reason.NO_MASK, ""));
        String line = PassageLog.line(d, 43, "R-0*01");
        assertEquals("passage 43 entry R-0*01 denied temperature_check health_code_check no_mask", line);
    }

    @Test
    void identityReasonsAreKeptAsCodes() {
        Decision d = decision(Outcome.DENIED, new Check(Kind.MOVEMENT, false, Reason.QUARANTINE_EXIT, ""),
                new Check(Kind.HEALTH_CODE, false, Reason.CODE_BAD_SIGNATURE, ""));
        assertEquals("passage 7 entry - denied movement_check code_bad_signature", PassageLog.line(d, 7, "-"));
    }
}

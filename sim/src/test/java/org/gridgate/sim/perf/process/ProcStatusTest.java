package org.gridgate.sim.perf.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatusTest {
    @Test
    void readsVmRssInKilobytes() {
        String status = """
                Name:\tjava
                VmPeak:\t 3021420 kB
                VmSize:\t 2955884 kB
                VmHWM:\t  131200 kB
                VmRSS:\t  123456 kB
                RssAnon:\t   98304 kB
                Threads:\t24
                """;
        assertEquals(OptionalLong.of(123456), ProcStatus.rssKb(status));
        assertEquals(OptionalLong.of(98304), ProcStatus.kb(status, "RssAnon"));
        assertEquals(OptionalLong.empty(), ProcStatus.kb(status, "RssFile"));
    }

    @Test
    void aProcessWithoutMemoryHasNoRss() {
        // a zombie's status file lists no Vm* lines at all
        assertEquals(OptionalLong.empty(), ProcStatus.rssKb("Name:\tjava\nState:\tZ (zombie)\n"));
    }

    @Test
    void anUnexpectedUnitIsAnErrorNotAWrongFigure() {
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.rssKb("VmRSS:\t 12 MB\n"));
    }

    @Test
    void readsThisProcessFromProc() {
        OptionalLong self = ProcStatus.rssKb(ProcessHandle.current().pid());
        assertTrue(self.isPresent() && self.getAsLong() > 1024, "a JVM has more than a megabyte resident: " + self);
    }
}

package org.gridgate.console;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gridgate.passage.Reason;

/** Plain words for codes, in both languages: the page shows what the server says, nothing guessed. */
final class Texts {
    private Texts() {}

    private static final Map<String, String[]> ALARMS = Map.of(
            "fever", new String[] {"发热：请复测并按流程处置", "Fever: re-measure and follow the procedure"},
            "door_forced_open", new String[] {"门被强行打开", "Door forced open"},
            "door_held_open", new String[] {"门长时间未关", "Door held open"},
            "quarantine_exit_attempt", new String[] {"居家隔离人员试图外出", "Quarantined resident trying to leave"},
            "device_fault", new String[] {"设备故障", "Device fault"},
            "storage_dropped", new String[] {"存储空间不足，记录被丢弃", "Storage full: records were dropped"},
            "storage", new String[] {"存储故障", "Storage trouble"});

    static Map<String, Object> alarm(String code) {
        String[] t = ALARMS.getOrDefault(code, new String[] {"告警：" + code, "Alarm: " + code});
        return texts(t[0], t[1]);
    }

    static Map<String, Object> reason(Reason r) {
        Map<String, Object> m = texts(r.zh(), r.en());
        m.put("code", r.code());
        return m;
    }

    static Map<String, Object> texts(String zh, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zh", zh);
        m.put("en", en);
        return m;
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final java.time.format.DateTimeFormatter DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Local wall-clock time with seconds, always eight characters. */
    static String time(java.time.Instant at, java.time.ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    static String dateTime(java.time.Instant at, java.time.ZoneId zone) {
        return DATE_TIME.format(at.atZone(zone));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

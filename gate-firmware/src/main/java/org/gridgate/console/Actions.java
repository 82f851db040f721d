package org.gridgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridgate.passage.Direction;
import org.gridgate.console.Sessions.Session;
import org.gridgate.journal.IdentityProtector;
import org.gridgate.passage.GateMode;
import org.gridgate.roster.Resident;

/**
 * What a signed-in volunteer can do. Input is checked here, completely, before the gate is asked:
 * the gate journals each action with the volunteer's id. Roster entries leave the console only as
 * masked forms with an opaque handle; the handle is resolved again on the server for an assisted pass.
 */
final class Actions {
    static final int MAX_REASON = 200;

    private final Console.Parts p;
    private final Board board;
    private final Runnable refresh;
    private final byte[] handleKey = new byte[32];

    Actions(Console.Parts parts, Board board, Runnable refresh, SecureRandom random) {
        this.p = parts;
        this.board = board;
        this.refresh = refresh;
        random.nextBytes(handleKey);
    }

    ApiResponse manualOpen(Session s, ObjectNode body) {
        Optional<String> reason = text(body, "reason", MAX_REASON);
        if (reason.isEmpty()) {
            return ApiResponse.error(400, "reason_required", "手动开门必须填写原因（不超过200字）",
                    "a manual open needs a reason (up to 200 characters)");
        }
        p.control().manualOpen(s.volunteer(), reason.get());
        return done(s, "手动开门：" + reason.get(), "manual open: " + reason.get(), "闸门已打开一次", "Gate opened once");
    }

    ApiResponse mode(Session s, ObjectNode body) {
        Optional<GateMode> mode = text(body, "mode", 40).flatMap(m -> {
            for (GateMode g : GateMode.values()) {
                if (Texts.lower(g).equals(m)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        });
        if (mode.isEmpty()) {
            return ApiResponse.error(400, "bad_mode", "未知模式", "unknown mode: normal, lockdown, "
                    + "emergency_egress or maintenance");
        }
        p.control().setMode(s.volunteer(), mode.get());
        String m = Texts.lower(mode.get());
        return done(s, "切换模式：" + MODE_ZH.get(mode.get()), "mode: " + m, "已切换为" + MODE_ZH.get(mode.get()) + "模式",
                "Mode is now " + m.replace('_', ' '));
    }

    ApiResponse residents(String unit) {
        if (unit == null || !validUnit(unit)) {
            return ApiResponse.error(400, "bad_unit", "请输入房号，如 3-1201", "enter a unit such as 3-1201");
        }
        List<Map<String, Object>> out = p.residentsOfUnit().apply(unit).stream()
                .sorted(Comparator.comparing(Resident::subject))
                .map(r -> Map.<String, Object>of("handle", handle(r.subject()),
                        "who", IdentityProtector.mask(r.subject()), "kind", Texts.lower(r.kind()),
                        "status", Texts.lower(r.status())))
                .toList();
        return ApiResponse.json(200, Map.of("unit", unit, "residents", out));
    }

    ApiResponse assist(Session s, ObjectNode body) {
        Optional<String> unit = text(body, "unit", 32).filter(Actions::validUnit);
        Optional<String> handle = text(body, "handle", 64);
        Optional<Direction> dir = text(body, "direction", 10).flatMap(d -> switch (d) {
            case "entry" -> Optional.of(Direction.ENTRY);
            case "exit" -> Optional.of(Direction.EXIT);
            default -> Optional.empty();
        });
        if (unit.isEmpty() || handle.isEmpty() || dir.isEmpty()) {
            return ApiResponse.error(400, "bad_request", "请选择房号、住户和方向", "choose a unit, a resident and "
                    + "a direction (entry or exit)");
        }
        Optional<Resident> who = p.residentsOfUnit().apply(unit.get()).stream()
                .filter(r -> handle(r.subject()).equals(handle.get())).findFirst();
        if (who.isEmpty()) {
            return ApiResponse.error(404, "not_on_roster", "该房号下没有此人（名单可能已更新）",
                    "no such person in that unit (the roster may have changed)");
        }
        p.control().assistedPass(s.volunteer(), who.get().subject(), dir.get());
        String masked = IdentityProtector.mask(who.get().subject());
        boolean in = dir.get() == Direction.ENTRY;
        return done(s, "协助" + (in ? "进入" : "外出") + "：" + masked, "assisted " + Texts.lower(dir.get()) + ": " + masked,
                "已发起协助通行：请" + masked + "站到测温仪前", "Assisted pass started: ask " + masked
                        + " to stand in front of the thermometer");
    }

    ApiResponse confirmMask(Session s) {
        if (!p.control().snapshot().passageInProgress()) {
            return ApiResponse.error(409, "nobody_waiting", "闸口现在没有正在通行的人，无需确认口罩",
                    "nobody is passing the gate now: there is no mask to confirm");
        }
        p.control().confirmMask(s.volunteer());
        return done(s, "人工确认口罩", "mask confirmed by hand", "已确认口罩", "Mask confirmed for the person at the gate");
    }

    ApiResponse acknowledge(Session s, ObjectNode body) {
        JsonNode seq = body.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
            return ApiResponse.error(400, "bad_request", "告警编号无效", "alarm number missing or not a number");
        }
        if (!board.alarmOpen(seq.asLong())) {
            return ApiResponse.error(404, "no_such_alarm", "该告警不存在或已确认",
                    "no such open alarm (already acknowledged?)");
        }
        p.control().acknowledgeAlarm(s.volunteer(), seq.asLong());
        return done(s, "确认告警 #" + seq.asLong(), "acknowledged alarm " + seq.asLong(), "告警已确认", "Alarm acknowledged");
    }

    private static final Map<GateMode, String> MODE_ZH = Map.of(GateMode.NORMAL, "正常", GateMode.LOCKDOWN, "封控",
            GateMode.EMERGENCY_EGRESS, "紧急疏散", GateMode.MAINTENANCE, "维护");

    /** Records the action for the handover ({@code whatZh}/{@code whatEn}) and tells the volunteer what happened. */
    private ApiResponse done(Session s, String whatZh, String whatEn, String zh, String en) {
        board.action(p.clock().instant(), s.volunteer(), whatZh, whatEn);
        refresh.run();
        return ApiResponse.json(202, Map.of("accepted", true, "zh", zh, "en", en));
    }

    /** A trimmed, non-blank string field without control characters, at most {@code max} long. */
    private static Optional<String> text(ObjectNode body, String field, int max) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            return Optional.empty();
        }
        String v = n.asText().strip();
        if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private static boolean validUnit(String unit) {
        return unit.matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    }

    private String handle(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(handleKey, "HmacSHA256"));
            byte[] h = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from this JVM", e);
        }
    }
}

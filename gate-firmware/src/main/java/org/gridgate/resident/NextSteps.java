package org.gridgate.resident;

import java.util.Optional;
import org.gridgate.passage.Reason;

/**
 * What a resident should do about each reason the gate can deny for. The switch is exhaustive: a new
 * {@link Reason} does not compile until it is given a next step (or is stated to need none).
 */
public final class NextSteps {
    static final Phrase ASK_VOLUNTEER = step("ask_volunteer", "请联系值守志愿者", "Please ask the volunteer at the gate");
    static final Phrase REGISTER = step("register", "请联系值守志愿者登记", "Please ask the volunteer to register you");
    static final Phrase SCAN_OWN = step("scan_own", "请扫描本人的健康码", "Please scan your own health code");
    static final Phrase RENEW = step("renew_registration", "请联系社区更新登记",
            "Please ask the community office to renew your registration");
    static final Phrase FOLLOW_VOLUNTEER = step("follow_volunteer", "请听从值守志愿者安排",
            "Please follow the volunteer's directions");
    static final Phrase NO_VISITS = step("no_visits", "封控期间请勿来访，请联系您拜访的住户",
            "No visits during lockdown: please call the resident you are visiting");
    static final Phrase GO_HOME = step("go_home", "请返回家中，有需要请联系社区", "Please go back home; call the community office for help");
    static final Phrase WAIT_QUOTA = step("wait_quota", "请等待本户下次外出时间", "Please wait for your household's next exit day");
    static final Phrase REMEASURE = step("remeasure", "请在一旁休息，志愿者将为您复测",
            "Please rest to one side: a volunteer will measure again");
    static final Phrase MEASURE_AGAIN = step("measure_again", "请将手腕或额头靠近测温仪后重新扫码",
            "Hold your wrist or forehead at the thermometer, then scan again");
    static final Phrase MANUAL_TEMPERATURE = step("manual_temperature", "请联系值守志愿者人工测温",
            "Please ask the volunteer to take your temperature");
    static final Phrase GREEN_ONLY = step("green_only", "仅绿码可通行，请联系值守志愿者",
            "Only a green code passes: please ask the volunteer");
    static final Phrase SHOW_GREEN = step("show_green", "请出示绿码", "Please show a green code");
    static final Phrase BRIGHTER = step("brighter", "请调亮手机屏幕后重新扫码", "Turn up your screen brightness and scan again");
    static final Phrase REFRESH = step("refresh", "请刷新健康码后重新扫码", "Please refresh your health code and scan again");
    static final Phrase OFFICIAL = step("official_code", "请出示社区或卫健部门签发的健康码",
            "Please show a health code issued by the community or the health authority");
    static final Phrase LATER = step("later", "健康码尚未生效，请稍后再扫", "Your code is not valid yet: please scan again later");
    static final Phrase OWN_CODE_EXIT = step("own_code_exit", "每人请用本人的码；若您已出门，请联系值守志愿者登记外出",
            "One code lets one person in: use your own code, or ask the volunteer to record your exit");
    static final Phrase MASK_ON = step("mask_on", "请戴好口罩后重新扫码", "Please put on your mask and scan again");

    private NextSteps() {}

    private static Phrase step(String key, String zh, String en) {
        return new Phrase("step." + key, zh, en);
    }

    /** The instruction for a failed check with this reason; empty for reasons that never deny. */
    public static Optional<Phrase> of(Reason r) {
        return Optional.ofNullable(switch (r) {
            case REGISTERED, MOVEMENT_OK, TEMPERATURE_NORMAL, CODE_GREEN, ASSISTED_PASS, MASK_PRESENT,
                    MASK_NOT_REQUIRED, NOT_CHECKED_ON_EXIT -> null;
            case NOT_REGISTERED -> REGISTER;
            case NO_IDENTITY -> SCAN_OWN;
            case BARRED, ANTI_PASSBACK, CODE_REVOKED, CANNOT_RECORD, CLOCK_NOT_SET -> ASK_VOLUNTEER;
            case PASS_USED -> OWN_CODE_EXIT;
            case REGISTRATION_NOT_VALID -> RENEW;
            case GATE_CLOSED -> FOLLOW_VOLUNTEER;
            case LOCKDOWN_VISITOR -> NO_VISITS;
            case QUARANTINE_EXIT -> GO_HOME;
            case EXIT_QUOTA -> WAIT_QUOTA;
            case FEVER -> REMEASURE;
            case NO_TEMPERATURE -> MEASURE_AGAIN;
            case THERMOMETER_OFFLINE -> MANUAL_TEMPERATURE;
            case CODE_YELLOW, CODE_RED -> GREEN_ONLY;
            case CODE_MISSING -> SHOW_GREEN;
            case CODE_UNREADABLE -> BRIGHTER;
            case CODE_MALFORMED, CODE_EXPIRED -> REFRESH;
            case CODE_UNTRUSTED, CODE_BAD_SIGNATURE, CODE_KEY_USAGE -> OFFICIAL;
            case CODE_NOT_YET_VALID -> LATER;
            case NO_MASK -> MASK_ON;
        });
    }

    /** The reason itself as a phrase (texts from {@link Reason}), keyed {@code reason.CODE}. */
    public static Phrase reason(Reason r) {
        return new Phrase("reason." + r.code(), r.zh(), r.en());
    }
}

package org.gridgate.passage;

/**
 * Why a check passed or failed. The code is stable (the server and the docs key on it); the texts are
 * what residents and volunteers read.
 */
public enum Reason {
    // identity
    REGISTERED("registered", "已登记", "registered"),
    NOT_REGISTERED("not_registered", "未登记人员", "not registered"),
    NO_IDENTITY("no_identity", "无法识别身份", "identity not established"),
    BARRED("barred", "禁止通行", "barred from passing"),
    REGISTRATION_NOT_VALID("registration_not_valid", "登记不在有效期", "registration not valid today"),
    GATE_CLOSED("gate_closed", "闸口维护中，暂停入内", "gate closed to entry (maintenance)"),
    LOCKDOWN_VISITOR("lockdown_visitor", "封控期间访客禁止入内", "visitors not admitted during lockdown"),
    // movement: exits, quarantine, anti-passback
    MOVEMENT_OK("movement_ok", "通行正常", "movement allowed"),
    QUARANTINE_EXIT("home_quarantine", "居家隔离期间不得外出", "under home quarantine: may not leave"),
    EXIT_QUOTA("exit_quota", "本户外出名额已用完", "household exit quota used up"),
    ANTI_PASSBACK("anti_passback", "重复进入，无外出记录", "entered twice without an exit"),
    PASS_USED("pass_used", "此码已入内，请先登记外出", "this pass has already entered: an exit must be recorded first"),
    // temperature
    TEMPERATURE_NORMAL("temperature_normal", "体温正常", "temperature normal"),
    FEVER("fever", "体温异常", "temperature too high"),
    NO_TEMPERATURE("no_temperature", "未测体温", "temperature not measured"),
    THERMOMETER_OFFLINE("thermometer_offline", "测温设备故障", "thermometer offline"),
    // health code
    CODE_GREEN("code_green", "绿码", "health code green"),
    CODE_YELLOW("code_yellow", "黄码", "health code yellow"),
    CODE_RED("code_red", "红码", "health code red"),
    CODE_MISSING("code_missing", "未出示健康码", "no health code shown"),
    CODE_UNREADABLE("code_unreadable", "健康码无法识别", "health code unreadable"),
    CODE_MALFORMED("code_malformed", "健康码格式错误", "health code damaged"),
    CODE_UNTRUSTED("code_untrusted", "健康码签发方不可信", "health code issuer not trusted"),
    CODE_BAD_SIGNATURE("code_bad_signature", "健康码签名无效", "health code signature invalid"),
    CODE_KEY_USAGE("code_key_usage", "签发方无权签发此类健康码", "issuer not allowed to sign this kind of code"),
    CODE_NOT_YET_VALID("code_not_yet_valid", "健康码尚未生效", "health code not yet valid"),
    CODE_EXPIRED("code_expired", "健康码已过期", "health code expired"),
    CODE_REVOKED("code_revoked", "健康码已撤销", "health code revoked"),
    ASSISTED_PASS("assisted_pass", "志愿者协助登记", "assisted by a volunteer"),
    // mask
    MASK_PRESENT("mask_present", "已佩戴口罩", "mask worn"),
    NO_MASK("no_mask", "未佩戴口罩", "no mask"),
    MASK_NOT_REQUIRED("mask_not_required", "无需口罩", "mask not required"),
    // the gate itself: it must be able to record a decision and to trust its clock
    CANNOT_RECORD("cannot_record", "无法保存记录，暂停入内", "cannot record: entry paused"),
    CLOCK_NOT_SET("clock_not_set", "闸机时间未校准，暂停入内", "clock not set: entry paused"),
    // any check
    NOT_CHECKED_ON_EXIT("not_checked_on_exit", "出门不查", "not checked on exit");

    private final String code;
    private final String zh;
    private final String en;

    Reason(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}

package org.gridgate.resident;

/**
 * What the resident outputs show, one value per situation at the gate. Each has a tone (colour and
 * shape together, so it reads without colour vision), a headline and a line under it.
 */
public enum Screen {
    IDLE(Tone.INFO, "scan", "请扫码通行", "Please scan your code", "请将健康码对准扫码口", "Hold your health code to the reader"),
    LOCKDOWN(Tone.INFO, "scan", "封控期间 仅限本小区居民", "Lockdown: residents only", "请将健康码对准扫码口",
            "Hold your health code to the reader"),
    EXIT_ONLY(Tone.WAIT, "exit", "暂停入内 仅限出门", "Entry closed: exit only", "出门请在出口扫码",
            "Leaving? Scan at the exit reader"),
    EMERGENCY(Tone.WAIT, "exit", "紧急疏散 门已打开", "Emergency: the gate is open", "请有序通行", "Please pass calmly"),
    CODE_READ(Tone.WAIT, "wait", "已扫码 请稍候", "Code read, one moment", "正在核验", "Checking"),
    MEASURING(Tone.WAIT, "thermo", "请测体温", "Temperature check", "请将手腕或额头靠近测温仪",
            "Hold your wrist or forehead at the thermometer"),
    STEP_CLOSER(Tone.WAIT, "closer", "请再靠近一点", "Please step closer", "手腕或额头离测温仪约三厘米",
            "Wrist or forehead about 3 cm from the thermometer"),
    WEAR_MASK(Tone.WAIT, "mask", "请佩戴口罩", "Please put on your mask", "戴好口罩后稍候", "Put it on and wait a moment"),
    GRANTED(Tone.GO, "go", "请通行", "Please pass", "验证通过", "All checks passed"),
    DENIED(Tone.STOP, "stop", "暂不能通行", "You cannot pass yet", "请按下方提示办理", "Please do as shown below"),
    FEVER(Tone.ALERT, "fever", "体温异常 暂不能通行", "Temperature too high", "请在一旁稍候",
            "Please wait to one side"),
    INCOMPLETE(Tone.INFO, "again", "未完成核验", "Check not finished", "请重新扫码", "Please scan your code again"),
    GATE_CLOSED(Tone.STOP, "closed", "闸口暂停使用", "Gate out of service", "请联系值守志愿者",
            "Please ask the volunteer at the gate"),
    DEVICE_FAULT(Tone.STOP, "fault", "设备故障", "Device fault", "请联系值守志愿者", "Please ask the volunteer at the gate");

    /**
     * GO: bluish green, a circle with a tick. STOP: vermillion, an octagon with a cross. ALERT: the
     * same red with a triangle and "!". WAIT: orange, an hourglass. INFO: blue, a rounded square.
     * Okabe-Ito colours: told apart with every common colour-vision deficiency, and by shape alone.
     */
    public enum Tone { GO, STOP, ALERT, WAIT, INFO }

    private final Tone tone;
    private final String icon;
    private final Phrase headline;
    private final Phrase detail;

    Screen(Tone tone, String icon, String zh, String en, String detailZh, String detailEn) {
        this.tone = tone;
        this.icon = icon;
        String key = name().toLowerCase(java.util.Locale.ROOT);
        this.headline = new Phrase(key, zh, en);
        this.detail = new Phrase(key + ".detail", detailZh, detailEn);
    }

    public Tone tone() {
        return tone;
    }

    /** The name of the pictogram the page draws (a shape of its own for every tone). */
    public String icon() {
        return icon;
    }

    public Phrase headline() {
        return headline;
    }

    public Phrase detail() {
        return detail;
    }

    /** True for the screens that wait for the next person (they need no timer back to idle). */
    public boolean resting() {
        return this == IDLE || this == LOCKDOWN || this == EXIT_ONLY || this == EMERGENCY || this == DEVICE_FAULT
                || this == GATE_CLOSED;
    }
}

package org.rightsflow.demo;

import java.util.List;

/** The demo accounts of docs/operations.md (demo data) (default profile; tests and examples use exactly these). */
public final class DemoAccounts {

    /** Adult; data in every category, real-name data, payments within retention, withdrawable consents. */
    public static final String LI_LEI = "li.lei@example.com";
    public static final String LI_LEI_PHONE = "+8613800000001";
    /** Adult; an unpaid bill and active resources (blocks cancellation). */
    public static final String WANG_FANG = "wang.fang@example.com";
    public static final String WANG_FANG_PHONE = "+8613800000002";
    /** Adult; under legal hold (triage sends every request to review). */
    public static final String ZHAO_QIANG = "zhao.qiang@example.com";
    public static final String ZHAO_QIANG_PHONE = "+8613800000003";
    /** Minor, 13 years old, acting through a guardian. */
    public static final String XIAO_MING = "xiao.ming@example.com";
    public static final String XIAO_MING_PHONE = "+8613800000004";
    public static final String XIAO_MING_GUARDIAN_EMAIL = "xiao.hua@example.com";
    public static final String XIAO_MING_GUARDIAN_PHONE = "+8613800000005";
    /** Adult; long history (at least 200,000 operation-log rows by default). */
    public static final String CHEN_JIE = "chen.jie@example.com";
    public static final String CHEN_JIE_PHONE = "+8613800000006";

    /**
     * Adult, deceased (recorded 60 days ago) without an instruction of her own: her close relatives may ask for ACCESS,
     * COPY, CORRECT and DELETE with evidence (PIPL Art. 49).
     */
    public static final String SUN_LAN = "sun.lan@example.com";
    public static final String SUN_LAN_PHONE = "+8613800000007";

    public static final List<String> ALL = List.of(LI_LEI, WANG_FANG, ZHAO_QIANG, XIAO_MING, CHEN_JIE, SUN_LAN);

    /** The age xiao.ming always has in the demo. */
    public static final int XIAO_MING_AGE = 13;
    /** The default size of chen.jie's operation log ({@code rightsflow.demo.large-account-operation-logs}). */
    public static final int DEFAULT_LARGE_ACCOUNT_OPERATION_LOGS = 200_000;

    private DemoAccounts() {
    }
}

package org.rightsflow.process.model;

import java.util.List;

/** The staff groups of docs/staff.md, with what each may open. */
public final class StaffGroups {

    public static final String INTAKE = "privacy-intake";
    public static final String PRIVACY_OFFICERS = "privacy-officers";
    public static final String LEGAL_REVIEWERS = "legal-reviewers";
    public static final String DATA_OPERATORS = "data-operators";
    public static final String AUDITORS = "auditors";
    public static final String ADMINS = "camunda-admin";
    /** The engine users of external-task systems' workers (not staff: no Tasklist, no Cockpit). */
    public static final String SYSTEM_WORKERS = "system-workers";

    /** Groups that work tasks in Tasklist. */
    public static final List<String> TASK_WORKERS = List.of(INTAKE, PRIVACY_OFFICERS, LEGAL_REVIEWERS, DATA_OPERATORS);

    private StaffGroups() {
    }

    public static String displayName(String group) {
        return switch (group) {
            case INTAKE -> "Intake staff";
            case PRIVACY_OFFICERS -> "Privacy officers";
            case LEGAL_REVIEWERS -> "Legal reviewers";
            case DATA_OPERATORS -> "Data operators";
            case AUDITORS -> "Auditors";
            case ADMINS -> "Camunda administrators";
            case SYSTEM_WORKERS -> "System workers";
            default -> group;
        };
    }

    /** The group's name in Chinese, for staff notices in zh-CN. */
    public static String chineseName(String group) {
        return switch (group) {
            case INTAKE -> "受理组";
            case PRIVACY_OFFICERS -> "隐私官";
            case LEGAL_REVIEWERS -> "法务审核组";
            case DATA_OPERATORS -> "数据操作组";
            case AUDITORS -> "审计组";
            case ADMINS -> "Camunda 管理员";
            case SYSTEM_WORKERS -> "系统工作程序";
            default -> group;
        };
    }
}

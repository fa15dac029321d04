package org.rightsflow.request;

import java.util.Arrays;
import java.util.Optional;

/** The rights of docs/rights.md, by their API codes. */
public enum RequestType {
    ACCESS("查阅个人信息", "view your personal information"),
    COPY("复制个人信息", "obtain a copy of your personal information"),
    CORRECT("更正、补充个人信息", "correct or complete your personal information"),
    DELETE("删除个人信息", "delete your personal information"),
    TRANSFER("转移个人信息", "transfer your personal information to a third party"),
    WITHDRAW_CONSENT("撤回同意", "withdraw or change your consent"),
    CANCEL_ACCOUNT("注销账号", "cancel your account"),
    EXPLAIN("对个人信息处理规则进行解释说明", "have our rules for processing your personal information explained"),
    RESTRICT("限制处理个人信息", "restrict the processing of your personal information");

    private final String chinese;
    private final String english;

    RequestType(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /**
     * What the right is called in a notice to a minor's guardian: about the minor's data, never "your" (the Chinese
     * names say no "your" to begin with).
     */
    public String labelForGuardian(String language) {
        return language.startsWith("zh") ? chinese : english.replace("your personal information",
                "the minor's personal information").replace("your account", "the minor's account")
                .replace("your consent", "the consent given for the minor");
    }

    /**
     * What the right is called in a notice to a close relative of a deceased holder: about the deceased's data.
     */
    public String labelForRelative(String language) {
        return language.startsWith("zh") ? chinese : english.replace("your personal information",
                "the deceased account holder's personal information");
    }

    /** What the right is called in a notice or page of the given language. */
    public String label(String language) {
        return language.startsWith("zh") ? chinese : english;
    }

    public static Optional<RequestType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}

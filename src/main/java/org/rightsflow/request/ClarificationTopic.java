package org.rightsflow.request;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a privacy officer may ask a requester to clarify, one code each. The notice words each code in the request's
 * language: the officer's own text (staff text) stays with the request, so a notice to the address on file never
 * repeats free text, neither staff's nor the requester's.
 */
public enum ClarificationTopic {
    REQUEST_TYPE("您希望行使哪一项权利（例如查阅、复制、删除）", "which right you want to exercise (for example access, copy or deletion)"),
    DATA_CATEGORIES("请求涉及哪些类别的个人信息", "which categories of your personal information the request is about"),
    TIME_PERIOD("请求涉及的时间范围", "which period of time the request is about"),
    SERVICES("请求涉及我们的哪些产品或服务", "which of our products or services the request is about"),
    DELETION_GROUND("您要求删除的理由（《个人信息保护法》第四十七条规定的情形之一）",
            "why you ask for deletion (one of the grounds of PIPL Art. 47)"),
    CORRECTION_DETAILS("哪些信息不准确或不完整，以及正确的内容是什么", "which information is inaccurate or incomplete, and what it should say"),
    QUESTION("您的问题具体指什么", "what exactly your question is about");

    private final String chinese;
    private final String english;

    ClarificationTopic(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String plainWords(String language) {
        return language != null && language.startsWith("zh") ? chinese : english;
    }

    public static Optional<ClarificationTopic> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }

    public static List<String> describe(List<ClarificationTopic> topics, String language) {
        return topics.stream().map(t -> t.plainWords(language)).toList();
    }
}

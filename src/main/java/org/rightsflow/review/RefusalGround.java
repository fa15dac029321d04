package org.rightsflow.review;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The refusal grounds of docs/refusals.md: one code each, and the plain words a requester reads in a notice. */
public enum RefusalGround {
    // Notices are letters from the provider: "we", never "the personal information handler".
    LEGAL_OBLIGATION("与我们履行法律法规规定的义务相关", "it relates to our obligations under laws and regulations"),
    NATIONAL_SECURITY("与国家安全、国防安全直接相关", "it is directly related to national security or national defence"),
    PUBLIC_INTEREST("与公共安全、公共卫生、重大公共利益直接相关", "it is directly related to public security, public health or a major public interest"),
    CRIMINAL_PROCEEDINGS("与刑事侦查、起诉、审判和执行判决等直接相关", "it is directly related to a criminal investigation, prosecution, trial or the enforcement of a judgment"),
    ABUSE_OF_RIGHTS("有充分证据表明存在主观恶意或滥用权利", "there is sufficient evidence of malice or abuse of rights"),
    PROTECT_LIFE_OR_PROPERTY("出于维护您或他人的生命、财产等重大合法权益但又很难得到本人同意", "it protects the life or property of you or others where consent is hard to obtain"),
    HARM_TO_OTHERS("响应请求将导致您或他人的合法权益受到严重损害", "responding would seriously harm the legitimate rights of you or others"),
    TRADE_SECRET("涉及商业秘密", "it involves trade secrets"),
    REPETITIVE("无端重复的请求", "the request is unreasonably repetitive"),
    EXCESSIVE_TECHNICAL_MEANS("需要过多技术手段", "it would need excessive technical means"),
    RISK_TO_OTHERS("给他人合法权益带来风险", "it would put the legitimate rights of others at risk"),
    IMPRACTICAL("非常不切实际（例如仅存于备份介质的信息）", "it is very impractical (for example, data held only on backup media)"),
    TRANSFER_CONDITIONS_NOT_MET("不符合转移个人信息的法定条件", "the legal conditions for a transfer to a third party are not met"),
    // What the product knows for certain: no ground was stated (the Privacy Center keeps it optional). Whether one
    // applies anyway is the officer's finding, written in the explanation.
    DELETION_GROUND_MISSING("请求中未说明任何法定的删除情形", "the request did not state any of the legal grounds for deletion");

    private final String chinese;
    private final String english;

    RefusalGround(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String plainWords(String language) {
        return language.startsWith("zh") ? chinese : english;
    }

    public static Optional<RefusalGround> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.name().equals(code)).findFirst();
    }

    /** Plain words for known codes; an unknown code is shown as it is rather than dropped. */
    public static List<String> describe(List<String> codes, String language) {
        return codes.stream().map(c -> fromCode(c).map(g -> g.plainWords(language)).orElse(c)).toList();
    }
}

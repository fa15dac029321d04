package org.rightsflow.fulfilment.explanation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.access.AccessReportWriter;
import org.rightsflow.fulfilment.access.AccessReportWriter.CategoryView;
import org.rightsflow.fulfilment.consent.ConsentPurposes;
import org.rightsflow.fulfilment.consent.ConsentRegister;
import org.rightsflow.request.ConsentPurpose;
import org.springframework.stereotype.Component;

/**
 * The draft of an answer to an EXPLAIN, made of the data map's facts for one account, in the request's language:
 * per category held its source, purpose, legal basis, retention and recipients (as the ACCESS report states them),
 * the automated decisions made about the account, and how to exercise each right. Topics the requester picked narrow
 * the draft to them; none means the whole. It holds no value of the account's data, only what kinds are held.
 */
@Component
public class ExplanationDraft {

    /**
     * Processing that decides or ranks by automated means (PIPL Art. 24, 73(2)): personalised recommendations and
     * face recognition. Both rest on consent alone, so the account's current choice is stated with them.
     */
    static final List<String> AUTOMATED_PURPOSES =
            List.of(ConsentPurpose.PERSONALISED_RECOMMENDATIONS.name(), ConsentPurpose.FACE_RECOGNITION.name());

    private final AccessReportWriter facts;
    private final ConsentRegister consents;
    private final ConsentPurposes purposes;
    private final RightsflowProperties properties;

    public ExplanationDraft(AccessReportWriter facts, ConsentRegister consents, ConsentPurposes purposes,
                            RightsflowProperties properties) {
        this.facts = facts;
        this.consents = consents;
        this.purposes = purposes;
        this.properties = properties;
    }

    /**
     * @param topics the requester's topics (codes of {@code RequestDetailsValidator.EXPLAIN_TOPICS}); empty: all
     * @return at most {@link ExplanationFulfilment#MAX_ANSWER_LENGTH} characters
     */
    public String draft(long accountId, String reference, List<String> topics, Locale language) {
        boolean en = LocalizedText.isEnglish(language);
        List<CategoryView> held = facts.heldCategories(accountId, language);
        String full = compose(accountId, reference, topics, en, held, true);
        // many categories with long texts: the short form names each category's purpose and basis only
        String draft = full.length() <= ExplanationFulfilment.MAX_ANSWER_LENGTH ? full
                : compose(accountId, reference, topics, en, held, false);
        return draft.length() <= ExplanationFulfilment.MAX_ANSWER_LENGTH ? draft
                : draft.substring(0, ExplanationFulfilment.MAX_ANSWER_LENGTH);
    }

    private String compose(long accountId, String reference, List<String> topics, boolean en, List<CategoryView> held,
                           boolean detailed) {
        StringBuilder text = new StringBuilder();
        text.append(en ? "In answer to your request " + reference + ", this is how we process your personal information."
                : "针对您的请求 " + reference + "，现将我们处理您个人信息的规则说明如下。").append("\n\n");
        boolean categoryFacts = topics.isEmpty() || topics.stream().anyMatch(t -> List.of("CATEGORIES", "PURPOSES",
                "LEGAL_BASIS", "RETENTION", "RECIPIENTS").contains(t));
        if (categoryFacts) {
            text.append(en ? "The personal information we hold about you:" : "我们持有的您的个人信息：").append('\n');
            if (held.isEmpty()) {
                text.append(en ? "- none at present" : "- 目前没有").append('\n');
            }
            for (CategoryView category : held) {
                text.append("- ").append(category.label()).append(en ? ": " : "：")
                        .append(categoryLine(category, topics, en, detailed)).append('\n');
            }
            text.append('\n');
        }
        if (wants(topics, "AUTOMATED_DECISIONS")) {
            text.append(automated(accountId, en)).append("\n\n");
        }
        if (wants(topics, "EXERCISING_RIGHTS")) {
            text.append(en ? "You can view, copy, correct or complete, delete or transfer your personal information, "
                    + "withdraw consent, restrict processing, cancel your account or ask us to explain these rules "
                    + "through the Privacy Center: " : "您可以通过隐私中心查阅、复制、更正或补充、删除、转移您的个人信息，撤回同意，"
                    + "限制处理，注销账号，或要求我们解释说明上述规则：")
                    .append(properties.publicBaseUrl()).append("/privacy\n");
        }
        return text.toString().strip();
    }

    private static boolean wants(List<String> topics, String topic) {
        return topics.isEmpty() || topics.contains(topic);
    }

    private static String categoryLine(CategoryView c, List<String> topics, boolean en, boolean detailed) {
        List<String> parts = new ArrayList<>();
        String sep = en ? ": " : "：";
        if (detailed && wants(topics, "CATEGORIES")) {
            parts.add((en ? "source" : "来源") + sep + c.source());
        }
        if (wants(topics, "PURPOSES")) {
            parts.add((en ? "purpose" : "目的") + sep + c.purpose());
        }
        if (wants(topics, "LEGAL_BASIS")) {
            parts.add((en ? "legal basis" : "法律依据") + sep + c.legalBasis());
        }
        if (detailed && wants(topics, "RETENTION")) {
            parts.add((en ? "kept" : "保存期限") + sep + c.retention());
        }
        if (detailed && wants(topics, "RECIPIENTS")) {
            String parties = c.thirdParties().isEmpty() ? (en ? "nobody" : "无")
                    : c.thirdParties().stream().map(p -> p.name() + (en ? " (" + p.purpose() + ")" : "（" + p.purpose() + "）"))
                    .collect(Collectors.joining(en ? ", " : "、"));
            parts.add((en ? "shared with" : "共享给") + sep + parties);
        }
        return String.join(en ? "; " : "；", parts);
    }

    private String automated(long accountId, boolean en) {
        Locale locale = en ? Locale.ENGLISH : LocalizedText.ZH_CN;
        List<String> lines = new ArrayList<>();
        for (String purpose : AUTOMATED_PURPOSES) {
            boolean allowed = consents.isAllowed(accountId, purpose);
            lines.add("- " + purposes.label(purpose, locale) + (en ? ": " : "：")
                    + (allowed ? (en ? "you currently allow it" : "您目前同意") : (en ? "you do not allow it" : "您目前未同意")));
        }
        return (en ? "Automated decisions: we use automated means only for the purposes below, each only with your "
                + "consent, which you may withdraw at any time:" : "自动化决策：我们仅为以下目的使用自动化方式处理您的个人信息，"
                + "且均以您的同意为前提，您可随时撤回同意：") + "\n" + String.join("\n", lines);
    }
}

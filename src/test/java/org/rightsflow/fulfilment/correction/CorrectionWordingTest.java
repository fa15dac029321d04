package org.rightsflow.fulfilment.correction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.Change;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ChangeStatus;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the requester of a correction reads per change, in zh-CN and en, from the correction.* messages. */
class CorrectionWordingTest {

    private static final CorrectableFields FIELDS = new CorrectableFields(DataMap.load(DataMap.DEFAULT_LOCATIONS));
    private static final CorrectionWording WORDING = new CorrectionWording(messages(), FIELDS);
    private static final Locale ZH = CorrectionWording.locale("zh-CN");
    private static final Locale EN = CorrectionWording.locale("en");

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/correction");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void everyChangeSaysWhatBecameOfItInTheRequestsLanguage() {
        CorrectableField field = FIELDS.all().get(0);
        List<Change> changes = List.of(new Change(1, field.field(), ChangeStatus.APPLIED),
                new Change(2, field.field(), ChangeStatus.APPLIED), new Change(3, field.field(), ChangeStatus.REJECTED),
                new Change(4, "no_such_field", ChangeStatus.NOT_CORRECTABLE));
        assertThat(WORDING.resultLines(changes, Set.of(2), EN)).containsExactly(
                "1. " + field.label().en() + ": corrected",
                "2. " + field.label().en() + ": added (we held no value for it)",
                "3. " + field.label().en() + ": not corrected after review; the reasons are in the result notice",
                "4. (a field we do not hold): not corrected: this field cannot be corrected through a request");
        assertThat(WORDING.resultLines(changes, Set.of(2), ZH)).containsExactly(
                "1. " + field.label().zhCN() + "：已更正",
                "2. " + field.label().zhCN() + "：已补充",
                "3. " + field.label().zhCN() + "：经审核未予更正，理由见结果通知",
                "4. （无法识别的字段）：未更正：该字段不在可更正的范围内");
    }

    @Test
    void theExplanationNamesTheChangesNotMadeForAReasonOfTheirOwn() {
        List<Change> changes = List.of(new Change(1, "x", ChangeStatus.APPLIED), new Change(2, "x", ChangeStatus.NO_RECORD),
                new Change(3, "x", ChangeStatus.EXEMPTED), new Change(4, "x", ChangeStatus.REJECTED));
        assertThat(WORDING.explanation(List.of("Staff text."), changes, EN)).isEqualTo("Staff text.\n"
                + "Changes we could not make (number: reason): 2: we hold no such record for the account; 3: after"
                + " review, the correction of this category of personal information was refused, on the grounds given"
                + " in the result notice");
        assertThat(WORDING.explanation(List.of(), changes, ZH)).isEqualTo(
                "以下更正项无法处理（编号：原因）：2: 我们未持有该项信息; 3: 经审核，对该类个人信息的更正未予处理，理由见处理结果通知");
        assertThat(WORDING.explanation(List.of(), List.of(new Change(1, "x", ChangeStatus.APPLIED)), EN)).isNull();
    }

    @Test
    void everyReasonExistsInBothLanguages() {
        for (ChangeStatus status : ChangeStatus.values()) {
            if (status.notAppliedWithReason() || status == ChangeStatus.REJECTED) {
                assertThat(WORDING.reason(status, EN)).as("%s in English", status).isNotEqualTo(status.name());
                assertThat(WORDING.reason(status, ZH)).as("%s in Chinese", status).isNotEqualTo(status.name())
                        .isNotEqualTo(WORDING.reason(status, EN));
            }
        }
    }
}

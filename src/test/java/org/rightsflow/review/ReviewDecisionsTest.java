package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.DataCategory;

/** The server-side rules of staff decisions, without an engine. */
class ReviewDecisionsTest {

    @Test
    void aPartialDecisionNamesKnownCategoriesButNotAll() {
        assertThat(ReviewDecisions.requireRefusedCategories("PARTIAL", List.of("OPERATION_LOGS", "ACCOUNT", "ACCOUNT")))
                .as("known codes, once each, in the data map's order").containsExactly("ACCOUNT", "OPERATION_LOGS");
        assertThatThrownBy(() -> ReviewDecisions.requireRefusedCategories("PARTIAL", List.of()))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("data categories");
        assertThatThrownBy(() -> ReviewDecisions.requireRefusedCategories("PARTIAL", List.of("ACCOUNT", "PASSWORDS")))
                .hasMessageContaining("Unknown data category PASSWORDS");
        List<String> all = java.util.Arrays.stream(DataCategory.values()).map(Enum::name).toList();
        assertThatThrownBy(() -> ReviewDecisions.requireRefusedCategories("PARTIAL", all))
                .hasMessageContaining("REFUSE");
    }

    @Test
    void otherDecisionsCarryNoScope() {
        assertThat(ReviewDecisions.requireRefusedCategories("REFUSE", List.of("ACCOUNT"))).isEmpty();
        assertThat(ReviewDecisions.requireRefusedCategories("PROCEED", List.of("ACCOUNT"))).isEmpty();
    }

    @Test
    void theProposerNeverApproves() {
        assertThatThrownBy(() -> ReviewDecisions.requireSecondPerson("officer", "officer"))
                .hasMessageContaining("Four-eyes");
        assertThatThrownBy(() -> ReviewDecisions.requireSecondPerson("officer", null))
                .isInstanceOf(InvalidDecisionException.class);
        ReviewDecisions.requireSecondPerson("officer", "legal");
    }

    @Test
    void categoriesAndGroundsAreDescribedInPlainWords() {
        assertThat(CategoryWords.describe(List.of("SECURITY", "UNKNOWN"), "en"))
                .containsExactly("security settings (security phone and email)", "UNKNOWN");
        assertThat(CategoryWords.describe(List.of("REAL_NAME"), "zh-CN")).containsExactly("实名认证信息");
        assertThat(RefusalGround.describe(List.of("TRADE_SECRET"), "zh-CN")).containsExactly("涉及商业秘密");
    }
}

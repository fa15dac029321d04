package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A partial refusal by data category applies to the rights that act on data categories, not to consent withdrawal. */
class ReviewScopesRuleTest {

    @Test
    void aPartialConsentWithdrawalIsRejectedOtherDecisionsAndRightsPass() {
        assertThatThrownBy(() -> ReviewScopes.requirePartialApplies("WITHDRAW_CONSENT", "PARTIAL"))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("PROCEED or REFUSE");
        assertThatCode(() -> ReviewScopes.requirePartialApplies("WITHDRAW_CONSENT", "REFUSE")).doesNotThrowAnyException();
        assertThatCode(() -> ReviewScopes.requirePartialApplies("WITHDRAW_CONSENT", "PROCEED")).doesNotThrowAnyException();
        for (String right : new String[] {"ACCESS", "COPY", "CORRECT", "DELETE", "TRANSFER", "CANCEL_ACCOUNT"}) {
            assertThatCode(() -> ReviewScopes.requirePartialApplies(right, "PARTIAL")).as(right)
                    .doesNotThrowAnyException();
        }
    }
}

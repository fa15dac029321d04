package org.rightsflow.fulfilment.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.datamap.DataCategory.BILLING;
import static org.rightsflow.datamap.DataCategory.INVOICES;
import static org.rightsflow.datamap.DataCategory.OPERATION_LOGS;
import static org.rightsflow.datamap.DataCategory.PAYMENTS;
import static org.rightsflow.datamap.DataCategory.REAL_NAME;
import static org.rightsflow.datamap.DataCategory.SUPPORT;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A deletion summary tells each category in one section only: deleted now, retained, or kept after review. */
class ErasureSummarySectionsTest {

    @Test
    void aCategoryPartlyPastItsRetentionIsToldAsRetainedWithItsOlderRecordsGone() {
        // OPERATION_LOGS: the old log erased in one system, the recent one held; BILLING: erased in one system,
        // held in another; INVOICES: held only; SUPPORT: erased only
        ErasureFulfilment.Sections sections = ErasureFulfilment.Sections.of(Set.of(OPERATION_LOGS, BILLING, SUPPORT),
                Set.of(OPERATION_LOGS, BILLING, INVOICES), Set.of());

        assertThat(sections.erased()).containsExactly(SUPPORT);
        assertThat(sections.restricted()).containsExactlyInAnyOrder(OPERATION_LOGS, BILLING, INVOICES);
        assertThat(sections.partlyErased()).containsExactlyInAnyOrder(OPERATION_LOGS, BILLING);
    }

    @Test
    void aCategoryTheReviewKeptIsToldOnlyAsKept() {
        ErasureFulfilment.Sections sections = ErasureFulfilment.Sections.of(Set.of(REAL_NAME, SUPPORT),
                Set.of(REAL_NAME, PAYMENTS), Set.of(REAL_NAME));

        assertThat(sections.erased()).containsExactly(SUPPORT);
        assertThat(sections.restricted()).containsExactly(PAYMENTS);
        assertThat(sections.partlyErased()).isEmpty();
    }

    @Test
    void nothingErasedNothingHeld() {
        ErasureFulfilment.Sections sections = ErasureFulfilment.Sections.of(Set.of(), Set.of(), Set.of(PAYMENTS));

        assertThat(sections.erased()).isEmpty();
        assertThat(sections.restricted()).isEmpty();
    }
}

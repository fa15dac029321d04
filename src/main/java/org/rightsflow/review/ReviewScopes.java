package org.rightsflow.review;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rightsflow.datamap.DataCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data categories refused by the latest PARTIAL proposal of a request, kept in the application's tables so that
 * the partial-result notice can name them (the engine keeps only the codes, as a variable for the forms).
 *
 * <p>This is also the one place that says which categories a request's fulfilment may touch ({@link #excluded}):
 * ACCESS, COPY, TRANSFER, CORRECT, DELETE and the erasure of CANCEL_ACCOUNT all ask here, so that a partial refusal
 * means the same for every right. Fulfilment only starts after the legal reviewer approved the latest proposal (a
 * rejected one goes back to the officer, whose next decision replaces the row), so the stored scope is the approved
 * one by the time anything reads it.
 */
@Repository
public class ReviewScopes {

    private final JdbcClient jdbc;

    public ReviewScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the request's scope with the latest proposal; a proposal without refused categories clears it. */
    @Transactional
    public void record(String requestId, String decision, List<String> refusedCategories, String proposer, Instant at) {
        jdbc.sql("delete from review_scope where request_id = :id").param("id", requestId).update();
        if (refusedCategories.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into review_scope (request_id, decision, refused_categories, proposed_by, proposed_at)
                values (:id, :decision, :categories, :proposer, :at)""")
                .param("id", requestId).param("decision", decision)
                .param("categories", String.join(",", refusedCategories))
                .param("proposer", proposer == null ? "unknown" : proposer).param("at", ts(at))
                .update();
    }

    /**
     * The categories an approved partial refusal took out of the request: fulfilment leaves them alone (not reported,
     * copied, corrected or erased) and the result notice names them with the grounds. Empty when nothing was refused.
     */
    public Set<DataCategory> excluded(String requestId) {
        Set<DataCategory> excluded = EnumSet.noneOf(DataCategory.class);
        refusedCategories(requestId).forEach(code -> excluded.add(DataCategory.valueOf(code)));
        return excluded;
    }

    /**
     * A partial refusal by data category only applies to rights that act on data categories. WITHDRAW_CONSENT acts
     * on processing purposes (docs/rights.md, PIPL Art. 15): none of its effects belongs to a category that could be kept
     * out, so a PARTIAL there would end as "partially completed" while the withdrawal is carried out in full. The
     * officer proceeds or refuses instead.
     */
    public static void requirePartialApplies(String requestType, String decision) {
        if ("PARTIAL".equals(decision) && "WITHDRAW_CONSENT".equals(requestType)) {
            throw new InvalidDecisionException("A partial refusal by data category does not apply to a consent"
                    + " withdrawal (it acts on purposes, not on data categories): decide PROCEED or REFUSE");
        }
    }

    public List<String> refusedCategories(String requestId) {
        return jdbc.sql("select refused_categories from review_scope where request_id = :id")
                .param("id", requestId).query(String.class).optional()
                .map(s -> Arrays.stream(s.split(",")).filter(c -> !c.isBlank()).toList())
                .orElse(List.of());
    }
}

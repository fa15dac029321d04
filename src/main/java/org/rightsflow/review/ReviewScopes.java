package org.rightsflow.review;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data categories refused by the latest PARTIAL proposal of a request, kept in the application's tables so that
 * the partial-result notice can name them (the engine keeps only the codes, as a variable for the forms).
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

    public List<String> refusedCategories(String requestId) {
        return jdbc.sql("select refused_categories from review_scope where request_id = :id")
                .param("id", requestId).query(String.class).optional()
                .map(s -> Arrays.stream(s.split(",")).filter(c -> !c.isBlank()).toList())
                .orElse(List.of());
    }
}

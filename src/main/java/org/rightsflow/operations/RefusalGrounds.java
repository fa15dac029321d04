package org.rightsflow.operations;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.rightsflow.request.RequestAnswered;
import org.rightsflow.review.RefusalGround;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The grounds of every whole or partial refusal, kept with the request when its answer is given (table
 * {@code request_ground}), so that refusals can be counted by ground without reading the engine.
 */
@Repository
public class RefusalGrounds {

    private final JdbcClient jdbc;

    public RefusalGrounds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the answer's own transaction: the grounds commit with the final status or not at all. */
    @EventListener
    public void on(RequestAnswered answered) {
        for (String ground : new LinkedHashSet<>(answered.grounds())) {
            if (ground == null || ground.isBlank() || ground.length() > 40) {
                continue;
            }
            jdbc.sql("""
                    insert into request_ground (request_id, ground)
                    select :id, :ground where not exists
                      (select 1 from request_ground where request_id = :id and ground = :ground)""")
                    .param("id", answered.requestId()).param("ground", ground).update();
        }
    }

    /** Requests refused in whole or in part on each ground, every ground listed (zeros included). */
    public Map<RefusalGround, Long> countAll() {
        Map<RefusalGround, Long> counts = new EnumMap<>(RefusalGround.class);
        for (RefusalGround ground : RefusalGround.values()) {
            counts.put(ground, 0L);
        }
        jdbc.sql("select ground, count(*) from request_ground group by ground")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(row -> RefusalGround.fromCode(row.getKey()).ifPresent(g -> counts.put(g, row.getValue())));
        return counts;
    }
}

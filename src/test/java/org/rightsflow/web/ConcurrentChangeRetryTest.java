package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** The one retry of a requester's action that met a job on the same process instance (API and Privacy Center). */
class ConcurrentChangeRetryTest {

    @Test
    void aConcurrentChangeIsTriedAgainUntilItGoesThrough() {
        AtomicInteger calls = new AtomicInteger();
        String result = ConcurrentChangeRetry.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConcurrencyFailureException("the engine's optimistic lock");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void afterFourAttemptsTheConflictReachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentChangeRetry.run(() -> {
            calls.incrementAndGet();
            throw new ConcurrencyFailureException("always");
        })).isInstanceOf(ConcurrencyFailureException.class);
        assertThat(calls).hasValue(4);
    }

    @Test
    void anyOtherFailureIsNotRepeated() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentChangeRetry.run(() -> {
            calls.incrementAndGet();
            throw new DataIntegrityViolationException("a real error");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(calls).hasValue(1);
    }
}

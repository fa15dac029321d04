package org.rightsflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rightsflow.process.FulfilmentRoutes;
import org.rightsflow.request.RequestType;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each right goes to its own fulfilment process once that model is deployed; anything without one goes to a data
 * operator's manual fulfilment (the manual path itself is covered by ManualFulfilmentProcessTest), never to a fake
 * success.
 */
class FulfilmentRoutesTest extends PostgresIntegrationTest {

    @Autowired
    FulfilmentRoutes routes;

    @Test
    void everyRightHasItsDeployedProcessAndTheRestGoToManualFulfilment() {
        assertThat(routes.processFor(RequestType.ACCESS.name())).isEqualTo("AccessFulfilmentProcess");
        assertThat(routes.processFor(RequestType.COPY.name())).isEqualTo("CopyFulfilmentProcess");
        assertThat(routes.processFor(RequestType.TRANSFER.name())).isEqualTo("TransferFulfilmentProcess");
        assertThat(routes.processFor(RequestType.CORRECT.name())).isEqualTo("CorrectionFulfilmentProcess");
        assertThat(routes.processFor(RequestType.WITHDRAW_CONSENT.name())).isEqualTo("ConsentWithdrawalProcess");
        assertThat(routes.processFor("SOMETHING_NEW")).isEqualTo("ManualFulfilmentProcess");
    }
}

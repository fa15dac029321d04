package org.rightsflow.process;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.rightsflow.process.model.ManualFulfilmentModel;
import org.springframework.stereotype.Component;

/**
 * Which process fulfils a right (docs/processes.md). A right whose process is not deployed yet goes to a data operator's
 * manual fulfilment: adding automation for a right is adding its model to {@code processes/}, nothing else.
 */
@Component
public class FulfilmentRoutes {

    static final Map<String, String> PROCESS_BY_TYPE = Map.of(
            "ACCESS", "AccessFulfilmentProcess",
            "COPY", "CopyFulfilmentProcess",
            "CORRECT", "CorrectionFulfilmentProcess",
            "DELETE", "DeletionFulfilmentProcess",
            "TRANSFER", "TransferFulfilmentProcess",
            "WITHDRAW_CONSENT", "ConsentWithdrawalProcess",
            "CANCEL_ACCOUNT", "AccountCancellationProcess",
            "EXPLAIN", "ExplanationFulfilmentProcess",
            "RESTRICT", "RestrictionFulfilmentProcess");

    private final RepositoryService repository;

    public FulfilmentRoutes(RepositoryService repository) {
        this.repository = repository;
    }

    public String processFor(String requestType) {
        String key = PROCESS_BY_TYPE.get(requestType);
        boolean deployed = key != null
                && repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().count() > 0;
        return deployed ? key : ManualFulfilmentModel.PROCESS_ID;
    }
}

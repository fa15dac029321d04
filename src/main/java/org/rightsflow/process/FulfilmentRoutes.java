package org.rightsflow.process;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.rightsflow.process.model.AccessFulfilmentModel;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.process.model.ConsentWithdrawalModel;
import org.rightsflow.process.model.CopyFulfilmentModel;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.DeletionFulfilmentModel;
import org.rightsflow.process.model.ExplanationFulfilmentModel;
import org.rightsflow.process.model.ManualFulfilmentModel;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.request.RequestType;
import org.springframework.stereotype.Component;

/**
 * Which process fulfils a right (docs/processes.md). A right whose process is not deployed yet goes to a data operator's
 * manual fulfilment: adding automation for a right is adding its model to {@code processes/}, nothing else.
 */
@Component
public class FulfilmentRoutes {

    static final Map<String, String> PROCESS_BY_TYPE = Map.of(
            RequestType.ACCESS.name(), AccessFulfilmentModel.PROCESS_ID,
            RequestType.COPY.name(), CopyFulfilmentModel.PROCESS_ID,
            RequestType.CORRECT.name(), CorrectionFulfilmentModel.PROCESS_ID,
            RequestType.DELETE.name(), DeletionFulfilmentModel.PROCESS_ID,
            RequestType.TRANSFER.name(), TransferFulfilmentModel.PROCESS_ID,
            RequestType.WITHDRAW_CONSENT.name(), ConsentWithdrawalModel.PROCESS_ID,
            RequestType.CANCEL_ACCOUNT.name(), AccountCancellationModel.PROCESS_ID,
            RequestType.EXPLAIN.name(), ExplanationFulfilmentModel.PROCESS_ID,
            RequestType.RESTRICT.name(), RestrictionFulfilmentModel.PROCESS_ID);

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

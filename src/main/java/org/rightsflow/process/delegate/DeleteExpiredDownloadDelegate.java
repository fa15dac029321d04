package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.process.model.DownloadExpiryModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_DeletePackage: the link expired, so the result itself is deleted. */
@Component(DownloadExpiryModel.BEAN_DELETE_EXPIRED_DOWNLOAD)
public class DeleteExpiredDownloadDelegate implements JavaDelegate {

    private final DownloadService downloads;

    public DeleteExpiredDownloadDelegate(DownloadService downloads) {
        this.downloads = downloads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        downloads.deleteExpired((String) execution.getVariable(VariableNames.DOWNLOAD_ID));
    }
}

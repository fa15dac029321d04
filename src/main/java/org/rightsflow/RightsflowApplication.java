package org.rightsflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RightsflowApplication {

    /** One jar, roles by profile: {@code crm-worker} runs the demo CRM's external-task worker instead. */
    public static void main(String[] args) {
        if (org.rightsflow.crmworker.CrmWorkerApplication.isRequested(args)) {
            org.rightsflow.crmworker.CrmWorkerApplication.run(args);
            return;
        }
        SpringApplication.run(RightsflowApplication.class, args);
    }
}

package org.rightsflow.process.setup;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's engine REST API, plus our answer to rule violations ({@link RuleViolationResponses}). */
@Component
public class EngineRestResources extends CamundaJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        register(RuleViolationResponses.FromEngine.class);
        register(RuleViolationResponses.FromRestResource.class);
        register(RuleViolationResponses.FromDelegate.class);
    }
}

package org.rightsflow.process.setup;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The decision engine evaluates FEEL with {@link ParsedOnceFeelEngine}: Camunda's engine, without parsing each text
 * and building the builtin functions again on every evaluation (docs/architecture.md, "Performance notes"). Set
 * before the engine builds its decision engine, which otherwise creates Camunda's factory itself; the custom FEEL
 * functions and the legacy (JUEL) switch of the engine's configuration are read when the engine is created, as
 * Camunda's own set-up does. The process-model tests' engine (camunda.cfg.xml) uses this plugin too.
 */
@Component
public class DecisionFeelEngine extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            // what the engine would create in initDmnEngine
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmn);
        }
        if (dmn.getFeelEngineFactory() == null) {
            dmn.setFeelEngineFactory(new Factory(dmn));
        }
    }

    /** DefaultDmnEngineConfiguration.initFeelEngine's choice, with the parsed-once engine in place of Camunda's. */
    static final class Factory implements FeelEngineFactory {
        private final DefaultDmnEngineConfiguration dmn;

        Factory(DefaultDmnEngineConfiguration dmn) {
            this.dmn = dmn;
        }

        @Override
        public FeelEngine createInstance() {
            if (dmn.isEnableFeelLegacyBehavior()) {
                return new FeelEngineFactoryImpl().createInstance();
            }
            return new ParsedOnceFeelEngine(dmn.getFeelCustomFunctionProviders());
        }
    }
}

package org.rightsflow.common;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names the service providers that two libraries look up on every call. Without the system property, each lookup
 * searches every {@code META-INF/services} file of the class path, which on this application's class path is slow:
 * <ul>
 *   <li>the engine resolves every duration timer ({@code P3D} at the filing, {@code P4D} after the reminder) through
 *       {@code DatatypeFactory.newInstance()};</li>
 *   <li>Jakarta Mail finds its {@code StreamProvider} for every message part it encodes or parses.</li>
 * </ul>
 * Together they took about 8% of all CPU while requests were filed (BENCHMARKS.md, figure 1 profile). The classes
 * named are the ones the search finds anyway. Runs before the application context (registered in
 * {@code META-INF/spring.factories}), so tests get it too; an operator's own {@code -D} setting is left alone.
 */
public class ServiceProviderShortcuts implements EnvironmentPostProcessor {

    private static final String DATATYPE_FACTORY = "javax.xml.datatype.DatatypeFactory";
    private static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final Map<String, String> PROVIDERS = Map.of(
            DATATYPE_FACTORY, javax.xml.datatype.DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS,
            MAIL_STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    static final java.util.List<String> PROPERTIES_FOR_TEST = java.util.List.of(DATATYPE_FACTORY, MAIL_STREAM_PROVIDER);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PROVIDERS.forEach((service, implementation) -> {
            if (System.getProperty(service) == null && isPresent(implementation)) {
                System.setProperty(service, implementation);
            }
        });
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ServiceProviderShortcuts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

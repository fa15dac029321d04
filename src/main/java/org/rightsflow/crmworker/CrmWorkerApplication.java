package org.rightsflow.crmworker;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The jar's second role (profile {@value #PROFILE}): the demo CRM, a system with its own small database (support
 * tickets and call notes) that does its part of every request as an external-task worker, the way a company's own
 * system would. It talks to Rightsflow only over HTTP: Camunda's external task client against {@code /engine-rest},
 * and the worker API under {@code /api/workers/crm}. No engine, no web server, none of the application's beans: this
 * configuration scans its own package only, and is skipped entirely (the profile) when the jar runs as the
 * application.
 */
@Configuration(proxyBeanMethods = false)
@Profile(CrmWorkerApplication.PROFILE)
@EnableAutoConfiguration(excludeName = {
    "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
    "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
    "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
    "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
    "org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration"})
@ComponentScan(basePackageClasses = CrmWorkerApplication.class)
@EnableConfigurationProperties(CrmWorkerProperties.class)
public class CrmWorkerApplication {

    public static final String PROFILE = "crm-worker";

    /** Whether the jar was started in this role: the profile on the command line, as a system property or in the environment. */
    public static boolean isRequested(String[] args) {
        String fromArgs = Arrays.stream(args).filter(a -> a.startsWith("--spring.profiles.active="))
                .map(a -> a.substring("--spring.profiles.active=".length())).reduce("", (a, b) -> a + "," + b);
        return names(fromArgs) || names(System.getProperty("spring.profiles.active"))
                || names(System.getenv("SPRING_PROFILES_ACTIVE"));
    }

    private static boolean names(String profiles) {
        return profiles != null && Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(PROFILE::equals);
    }

    public static void run(String[] args) {
        SpringApplication application = new SpringApplication(CrmWorkerApplication.class);
        application.setAdditionalProfiles(PROFILE);
        application.run(args);
    }
}

package org.rightsflow.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat itself rejects before any servlet sees them (an encoded slash or backslash, a NUL or control
 * character in the path, a malformed request line) would get Tomcat's HTML error page with its server details.
 * They get the same problem+json shape as every other API error instead, with nothing echoed back.
 */
@Component
public class TomcatProblemResponses implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // The host reports errors of requests it maps; its error report valve is named by class and created at start.
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorValve.class.getName());
            }
        });
    }

    /** Replaces Tomcat's HTML error report with a minimal RFC 9457 problem. */
    public static final class ProblemErrorValve extends ErrorReportValve {

        public ProblemErrorValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    String code = status == 400 ? "BAD_REQUEST" : "HTTP_" + status;
                    writer.write("{\"type\":\"https://rightsflow.invalid/problems/" + code.toLowerCase().replace('_', '-')
                            + "\",\"title\":\"Request rejected\",\"status\":" + status + ",\"code\":\"" + code + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response committed: nothing more to say
            }
        }
    }
}

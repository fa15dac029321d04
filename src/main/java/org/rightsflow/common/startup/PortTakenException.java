package org.rightsflow.common.startup;

/** A port this application must listen on is held by another process. */
public class PortTakenException extends RuntimeException {

    /** What the port is for, and the property that moves it. */
    public enum Use {
        HTTP("HTTP", "set server.port (or the PORT environment variable) to a free port", "--server.port=8081"),
        MAIL_SINK("the demo mail sink (SMTP)",
                "set " + StartupPorts.MAIL_SINK_PORT + " to a free port, or to 0 to choose one at start",
                "--" + StartupPorts.MAIL_SINK_PORT + "=0");

        final String purpose;
        final String advice;
        final String example;

        Use(String purpose, String advice, String example) {
            this.purpose = purpose;
            this.advice = advice;
            this.example = example;
        }
    }

    private final Use use;
    private final int port;

    public PortTakenException(Use use, int port, Throwable cause) {
        super("Port " + port + " for " + use.purpose + " is already in use", cause);
        this.use = use;
        this.port = port;
    }

    public Use use() {
        return use;
    }

    public int port() {
        return port;
    }
}

package org.rightsflow.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of the Prometheus text format as a scraper would. */
final class PrometheusText {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** {@code /actuator/prometheus} as a Prometheus server asks for it, signed in as a demo user (password = id). */
    static String scrape(int port, String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Scrape as " + user + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sum of every sample of the metric whose labels include the given ones. */
    static double sum(String text, String metric, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    have.put(label.group(1), label.group(2));
                }
            }
            if (wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
                sum += Double.parseDouble(m.group(4));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("No sample of " + metric + " " + wanted);
        }
        return sum;
    }
}

package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * docs/api holds the requester API's OpenAPI description as the running application serves it, and a Markdown
 * reference rendered from it ({@link OpenApiMarkdown}); a change of the API without them fails here with the command
 * that regenerates both.
 */
class OpenApiDocumentTest extends PostgresIntegrationTest {

    static final String REGENERATE = "mvn -B -q test -Dtest=OpenApiDocumentTest -Ddocs.regenerate=true";

    /** Keys in order, two-space indent: the same description always gives the same bytes. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    @Test
    void theDescribedFilingFieldsAreExactlyTheOnesTheApiAccepts() {
        Api api = new Api(port);
        JsonNode filing = api.get("/v3/api-docs").json().at("/components/schemas/Filing/properties");
        assertThat(filing.size()).isGreaterThan(1);
        filing.fieldNames().forEachRemaining(field -> {
            // An unknown type stops the filing after the field check: nothing is filed either way.
            Api.Response answer = api.post("/api/requests", "{\"type\":\"NOT_A_RIGHT\",\"" + field + "\":null}");
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).as("the API accepts the described field " + field)
                    .isNotEqualTo("UNKNOWN_FIELD");
        });
        Api.Response undescribed = api.post("/api/requests", "{\"type\":\"NOT_A_RIGHT\",\"undescribed\":null}");
        assertThat(undescribed.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void theCommittedApiDescriptionIsWhatTheApplicationServes() throws Exception {
        Api.Response served = new Api(port).get("/v3/api-docs");
        assertThat(served.status()).as(served.text()).isEqualTo(200);
        JsonNode description = served.json();
        assertThat(description.at("/servers/0/url").asText()).as("a host-independent description").isEqualTo("/");
        assertThat(description.get("paths").has("/api/requests")).isTrue();

        String json = CANONICAL.writeValueAsString(CANONICAL.convertValue(description, Object.class)) + "\n";
        GeneratedFiles.check(RepositoryFiles.ROOT.resolve("docs/api"), ".json", Map.of("openapi.json", json), REGENERATE);
        GeneratedFiles.check(RepositoryFiles.ROOT.resolve("docs/api"), ".md",
                Map.of("README.md", OpenApiMarkdown.render(description)), REGENERATE);
    }
}

package org.rightsflow.web.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rightsflow.request.RequestType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The requester API's OpenAPI description ({@code /v3/api-docs}) completed with what the controllers cannot show: the
 * controllers read their bodies as JSON trees (so that every bad input gets its own code), so the bodies' shapes and
 * the problem answers with their codes are described here. The server is the application's root, so the description
 * reads the same on every host; docs/api/openapi.json is generated from it, and docs/api.md is the guide.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Rightsflow requester API", version = "1",
                description = "File, verify, follow and withdraw a personal-information rights request, and download "
                        + "its result. Errors are application/problem+json (RFC 9457) with a machine-readable code; "
                        + "bad input changes nothing. The status token is returned once, at filing, and sent back in "
                        + "the X-Status-Token header; a wrong or missing token gets the same 404 as an unknown "
                        + "reference. Results are reached only through the link emailed to the address on file."),
        servers = @Server(url = "/", description = "this application"))
class ApiDocumentation {

    private static final String PROBLEM = "application/problem+json";

    @Bean
    OpenApiCustomizer requesterApiShapes() {
        return api -> {
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.setComponents(components);
            components.addSchemas("Problem", problemSchema());
            components.addSchemas("Filing", filingSchema());
            components.addSchemas("Code", schema("object").addProperty("code",
                    schema("string").pattern("^[0-9]{6}$").description("the 6-digit code from the email "
                            + "or text message")).required(List.of("code")));

            Operation file = operation(api, "/api/requests", PathItem.HttpMethod.POST);
            file.setRequestBody(body("Filing"));
            ApiResponse filed = file.getResponses().remove("200"); // ResponseEntity.created answers 201
            if (filed != null) {
                file.getResponses().addApiResponse("201", filed.description("Filed (or, for a retry with the same "
                        + "Idempotency-Key and body, the original answer)"));
            }
            problems(file, Map.of(
                    "400", "MALFORMED_JSON, UNKNOWN_FIELD, UNKNOWN_TYPE, INVALID_EMAIL, INVALID_LANGUAGE, "
                            + "INVALID_DETAILS, INVALID_ON_BEHALF_OF, RIGHT_NOT_OPEN_TO_RELATIVES, INVALID_IDEMPOTENCY_KEY",
                    "413", "PAYLOAD_TOO_LARGE: the body is larger than the API accepts",
                    "429", "RATE_LIMITED: this client address filed too often (with Retry-After and retryAfterSeconds)"));

            Operation verify = operation(api, "/api/requests/{reference}/verification", PathItem.HttpMethod.POST);
            verify.setRequestBody(body("Code"));
            problems(verify, Map.of(
                    "400", "MALFORMED_JSON, UNKNOWN_FIELD, INVALID_CODE_FORMAT",
                    "404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token",
                    "409", "NOT_AWAITING_VERIFICATION (with status)",
                    "422", "WRONG_CODE: wrong or expired code (with attemptsLeft)",
                    "423", "VERIFICATION_LOCKED: codes no longer count, staff verify by hand; reason LOCKED (5 wrong "
                            + "codes for this request), ACCOUNT_WRONG_CODE_LIMIT or TOO_MANY_OPEN_REQUESTS"));

            problems(operation(api, "/api/requests/{reference}/verification/resend", PathItem.HttpMethod.POST), Map.of(
                    "404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token",
                    "409", "NOT_AWAITING_VERIFICATION (with status)",
                    "423", "VERIFICATION_LOCKED (with reason, as for a code)",
                    "429", "RESEND_LIMITED: too soon (with retryAfterSeconds) or no rounds left; CONTACT_MESSAGE_LIMIT: "
                            + "the contact on file had as many messages as an hour or a day allows (with Retry-After)"));
            problems(operation(api, "/api/requests/{reference}", PathItem.HttpMethod.GET), Map.of(
                    "404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token"));
            problems(operation(api, "/api/requests/{reference}/withdrawal", PathItem.HttpMethod.POST), Map.of(
                    "404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token",
                    "409", "WITHDRAWAL_NOT_POSSIBLE: fulfilment has started or the request is closed"));
            problems(operation(api, "/api/requests/{reference}/cancellation-revocation", PathItem.HttpMethod.POST),
                    Map.of("404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token",
                            "409", "CANCELLATION_NOT_REVOCABLE: not an account cancellation in its cooling-off period"));
            components.addSchemas("Answer", schema("object").addProperty("answer", schema("string").maxLength(2000)
                    .description("the requester's answer to what we asked (docs/clock.md); read by staff only, "
                            + "never repeated in an email")).required(List.of("answer")));
            Operation answer = operation(api, "/api/requests/{reference}/clarification", PathItem.HttpMethod.POST);
            answer.setRequestBody(body("Answer"));
            problems(answer, Map.of(
                    "400", "MALFORMED_JSON, UNKNOWN_FIELD, INVALID_ANSWER, ANSWER_REQUIRED, ANSWER_TOO_LONG",
                    "404", "REQUEST_NOT_FOUND: unknown reference, or a wrong or missing status token",
                    "409", "NO_CLARIFICATION_PENDING: nothing was asked, or the answer has already reached us"));
            problems(operation(api, "/api/downloads/{token}", PathItem.HttpMethod.GET), Map.of(
                    "404", "DOWNLOAD_NOT_FOUND: unknown link (a browser asking for HTML is sent to the link's"
                            + " page instead: 303 to /privacy/downloads/{token})",
                    "410", "DOWNLOAD_GONE: the link expired or was used up (a browser: 303 to the link's page)"));
            // The bodies above replace the JSON-tree parameter's empty schema.
            components.getSchemas().remove("JsonNode");
        };
    }

    private static Schema<Object> filingSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", schema("string")
                ._enum(Arrays.stream(RequestType.values()).map(Enum::name).map(Object.class::cast).toList())
                .description("the right (docs/rights.md)"));
        properties.put("accountEmail", schema("string").format("email")
                .description("the email of the account the request is about; codes go only to the contacts on file"));
        properties.put("language", schema("string")._enum(List.of("zh-CN", "en"))
                .description("language of the notices; zh-CN when absent"));
        properties.put("details", schema("object").description("per type: CORRECT {corrections: "
                + "[{field, value}]}; DELETE {ground?, categories?}; TRANSFER {recipientName, recipientEmail}; "
                + "WITHDRAW_CONSENT {purposes: [...]}; none for the others. Unknown fields are rejected."));
        properties.put("onBehalfOf", schema("object").addProperty("relationship", schema("string")
                        ._enum(List.<Object>of("GUARDIAN", "CLOSE_RELATIVE_OF_DECEASED")))
                .addProperty("contactEmail", schema("string").format("email").description("a close relative's own "
                        + "address for the notices (required for CLOSE_RELATIVE_OF_DECEASED, refused for GUARDIAN)"))
                .required(List.of("relationship"))
                .description("a filing on someone else's behalf (docs/rights.md, \"Who may file\"): GUARDIAN of a "
                        + "minor (codes go to the guardian's contact on file; for a child under 14 every filing is "
                        + "the guardian's), or CLOSE_RELATIVE_OF_DECEASED (ACCESS, COPY, CORRECT, DELETE only; no "
                        + "code: evidence through /api/requests/{reference}/evidence, verified by intake staff)"));
        Schema<Object> filing = schema("object").description("A new request. Send an Idempotency-Key "
                + "header to make retries safe: the same key and body return the original answer.");
        filing.setProperties(properties);
        filing.setRequired(List.of("type", "accountEmail"));
        return filing;
    }

    /** RFC 9457 with the API's own members. */
    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", schema("string").format("uri"));
        properties.put("title", schema("string"));
        properties.put("status", schema("integer"));
        properties.put("detail", schema("string").description("for people; never a stack trace"));
        properties.put("code", schema("string").description("machine-readable, for example WRONG_CODE"));
        properties.put("attemptsLeft", schema("integer").description("WRONG_CODE only"));
        properties.put("retryAfterSeconds", schema("integer").description("RESEND_LIMITED only"));
        Schema<Object> problem = schema("object").description("An error: application/problem+json");
        problem.setProperties(properties);
        problem.setRequired(List.of("status", "code"));
        return problem;
    }

    /** A schema of one JSON type, written as OpenAPI 3.1 reads it ({@code types}) and as 3.0 did ({@code type}). */
    private static Schema<Object> schema(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    /** The operation, or a failure naming it: a description that silently lost an operation would mislead. */
    private static Operation operation(OpenAPI api, String path, PathItem.HttpMethod method) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation == null) {
            throw new IllegalStateException("ApiDocumentation describes " + method + " " + path
                    + ", which the API no longer has: update ApiDocumentation");
        }
        return operation;
    }

    private static RequestBody body(String schema) {
        return new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }

    private static void problems(Operation operation, Map<String, String> byStatus) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> all = new LinkedHashMap<>(byStatus);
        all.put("500", "INTERNAL_ERROR: nothing was changed");
        all.keySet().stream().sorted().forEach(status -> responses.addApiResponse(status, new ApiResponse()
                .description(all.get(status)).content(new Content().addMediaType(PROBLEM,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
        operation.setResponses(responses);
    }
}

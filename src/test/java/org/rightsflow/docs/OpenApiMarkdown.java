package org.rightsflow.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Markdown reference of an OpenAPI description: every operation with its parameters, body and answers, and every
 * schema with its properties, so that the API reads on GitHub or in any editor without a Swagger UI.
 */
final class OpenApiMarkdown {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiMarkdown() {
    }

    static String render(JsonNode api) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(text(api.at("/info/title"), "API reference")).append("\n\n")
                .append("Generated from the OpenAPI description that the application serves at `/v3/api-docs`\n")
                .append("([openapi.json](openapi.json)): do not edit; the guide with the rules behind it is\n")
                .append("[api.md](../api.md). Regenerate both files with\n`")
                .append(OpenApiDocumentTest.REGENERATE).append("`.\n\n");
        String description = text(api.at("/info/description"), "");
        if (!description.isEmpty()) {
            md.append(description).append("\n\n");
        }

        Map<String, JsonNode> operations = new TreeMap<>();
        api.path("paths").fields().forEachRemaining(path -> METHODS.stream()
                .filter(method -> path.getValue().has(method))
                .forEach(method -> operations.put(path.getKey() + " " + METHODS.indexOf(method) + method,
                        path.getValue().get(method))));

        md.append("## Operations\n\n| method | path | summary |\n|---|---|---|\n");
        operations.forEach((key, operation) -> md.append("| ").append(method(key).toUpperCase()).append(" | [`")
                .append(path(key)).append("`](#").append(MarkdownSlugs.slug(heading(key))).append(") | ")
                .append(cell(text(operation.get("summary"), ""))).append(" |\n"));

        operations.forEach((key, operation) -> {
            md.append("\n### ").append(heading(key)).append("\n\n");
            String summary = text(operation.get("summary"), "");
            if (!summary.isEmpty()) {
                md.append("**").append(summary).append("**\n\n");
            }
            String details = text(operation.get("description"), "");
            if (!details.isEmpty()) {
                md.append(details).append("\n\n");
            }
            parameters(md, operation.path("parameters"));
            JsonNode body = operation.path("requestBody");
            if (!body.isMissingNode()) {
                md.append("Body").append(body.path("required").asBoolean(false) ? " (required)" : "").append(": ")
                        .append(contents(body.path("content"))).append("\n\n");
            }
            md.append("| answer | content | description |\n|---|---|---|\n");
            operation.path("responses").fields().forEachRemaining(response -> md.append("| ")
                    .append(response.getKey()).append(" | ").append(contents(response.getValue().path("content")))
                    .append(" | ").append(cell(text(response.getValue().get("description"), ""))).append(" |\n"));
        });

        JsonNode schemas = api.at("/components/schemas");
        if (schemas.size() > 0) {
            md.append("\n## Schemas\n");
            schemas.fields().forEachRemaining(schema -> {
                md.append("\n### ").append(schema.getKey()).append("\n\n");
                JsonNode value = schema.getValue();
                String schemaDescription = text(value.get("description"), "");
                if (!schemaDescription.isEmpty()) {
                    md.append(schemaDescription).append("\n\n");
                }
                if (!value.has("properties")) {
                    md.append("Any JSON value").append(value.has("type") ? " of type `" + type(value) + "`" : "")
                            .append(".\n");
                    return;
                }
                List<String> required = new ArrayList<>();
                value.path("required").forEach(r -> required.add(r.asText()));
                md.append("| property | type | required | description |\n|---|---|---|---|\n");
                value.get("properties").fields().forEachRemaining(property -> md.append("| `")
                        .append(property.getKey()).append("` | ").append(type(property.getValue())).append(" | ")
                        .append(required.contains(property.getKey()) ? "yes" : "").append(" | ")
                        .append(cell(text(property.getValue().get("description"), ""))).append(" |\n"));
            });
        }
        return md.toString();
    }

    private static void parameters(StringBuilder md, JsonNode parameters) {
        if (parameters.size() == 0) {
            return;
        }
        md.append("| parameter | in | required | type | description |\n|---|---|---|---|---|\n");
        parameters.forEach(p -> md.append("| `").append(p.path("name").asText()).append("` | ")
                .append(p.path("in").asText()).append(" | ").append(p.path("required").asBoolean(false) ? "yes" : "")
                .append(" | ").append(type(p.path("schema"))).append(" | ")
                .append(cell(text(p.get("description"), ""))).append(" |\n"));
        md.append('\n');
    }

    private static String contents(JsonNode content) {
        List<String> parts = new ArrayList<>();
        content.fields().forEachRemaining(media -> parts.add("`" + media.getKey() + "`"
                + (media.getValue().has("schema") ? " " + type(media.getValue().get("schema")) : "")));
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    /** A schema as a reader names it: a link to a named schema, "array of …", a type with its format or values. */
    static String type(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return "";
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
            return "[" + name + "](#" + MarkdownSlugs.slug(name) + ")";
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        if ("array".equals(type)) {
            return "array of " + type(schema.get("items"));
        }
        StringBuilder out = new StringBuilder(type.isEmpty() ? "any" : type);
        if (schema.has("format")) {
            out.append(" (").append(schema.get("format").asText()).append(')');
        }
        if (schema.has("pattern")) {
            out.append(" matching `").append(schema.get("pattern").asText()).append('`');
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            out.append(": ").append(String.join(", ", values));
        }
        return out.toString();
    }

    private static String heading(String key) {
        return method(key).toUpperCase() + " " + path(key);
    }

    private static String path(String key) {
        return key.substring(0, key.lastIndexOf(' '));
    }

    private static String method(String key) {
        return key.substring(key.lastIndexOf(' ') + 2);
    }

    private static String text(JsonNode node, String otherwise) {
        return node == null || node.isMissingNode() || node.isNull() ? otherwise : node.asText().strip();
    }

    /** Text fit for one table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}

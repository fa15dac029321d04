package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OpenApiMarkdownTest {

    @Test
    void everyOperationParameterAnswerAndSchemaIsListed() throws Exception {
        String markdown = OpenApiMarkdown.render(new ObjectMapper().readTree("""
                {"info": {"title": "Test API", "description": "What it does."},
                 "paths": {"/api/things/{id}": {
                   "post": {"summary": "Change a thing", "description": "Changes | carefully.",
                     "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                                    {"name": "X-Key", "in": "header", "schema": {"type": "string", "format": "uuid"}}],
                     "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                     "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}},
                                   "404": {"description": "No such thing"}}},
                   "get": {"summary": "Read a thing", "responses": {"200": {"description": "OK"}}}}},
                 "components": {"schemas": {"Thing": {"required": ["kind"], "properties": {
                   "kind": {"type": "string", "enum": ["A", "B"], "description": "the kind"}}}}}}
                """));
        assertThat(markdown)
                .startsWith("# Test API\n")
                .contains("What it does.")
                .contains("| GET | [`/api/things/{id}`](#get-apithingsid) | Read a thing |")
                .contains("| POST | [`/api/things/{id}`](#post-apithingsid) | Change a thing |")
                .contains("### POST /api/things/{id}")
                .contains("Changes | carefully.")
                .contains("| `id` | path | yes | string |  |")
                .contains("| `X-Key` | header |  | string (uuid) |  |")
                .contains("Body (required): `application/json` [Thing](#thing)")
                .contains("| 200 | `application/json` array of [Thing](#thing) | OK |")
                .contains("| 404 | — | No such thing |")
                .contains("### Thing")
                .contains("| `kind` | string: `A`, `B` | yes | the kind |");
        assertThat(markdown.indexOf("### GET")).as("GET before POST on one path").isLessThan(markdown.indexOf("### POST"));
    }
}

package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;

/** A new request as the requester (or staff on their behalf) stated it, already shaped but not yet validated. */
public record IntakeCommand(String type, String accountEmail, String language, JsonNode details) {
}

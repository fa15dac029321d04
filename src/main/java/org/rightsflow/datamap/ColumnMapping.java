package org.rightsflow.datamap;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One column of a mapped table: its name, its label for people, and whether it is sensitive. */
public record ColumnMapping(String name, LocalizedText label, @JsonProperty(required = true) boolean sensitive) {
}

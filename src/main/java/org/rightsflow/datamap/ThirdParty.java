package org.rightsflow.datamap;

/** A recipient that a category's data is shared with, and why. */
public record ThirdParty(LocalizedText name, LocalizedText purpose) {
}

package org.rightsflow.datamap;

/** A category mapping together with the system that holds it. */
public record MappedCategory(DataSystem system, CategoryMapping mapping) {

    public DataCategory category() {
        return mapping.category();
    }
}

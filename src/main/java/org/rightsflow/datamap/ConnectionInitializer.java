package org.rightsflow.datamap;

import javax.sql.DataSource;

/**
 * Prepares a named database connection of the data map before its schema is checked (a bean). The demo uses it to
 * create its billing system's tables; in a real deployment that database belongs to its system and exists already.
 */
public interface ConnectionInitializer {

    /** The connection name ({@code rightsflow.datamap.connections.<name>}). */
    String connection();

    /** Runs once at start-up; must not fail the start when the database cannot be reached. */
    void initialize(DataSource dataSource);
}

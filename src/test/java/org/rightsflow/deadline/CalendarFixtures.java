package org.rightsflow.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Calendar bodies the deadline tests share. */
final class CalendarFixtures {

    private CalendarFixtures() {
    }

    /** A valid 2027 body (test fixture dates, not the official arrangement) to break one rule at a time. */
    static List<String> fixture2027() throws Exception {
        return new ArrayList<>(Files.readAllLines(Path.of(CalendarFixtures.class.getClassLoader()
                .getResource("deadline/calendar-2027-fixture.txt").toURI())));
    }
}

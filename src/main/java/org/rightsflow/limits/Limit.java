package org.rightsflow.limits;

import java.time.Duration;
import java.util.List;

/**
 * A limit on how often something may happen to one subject (an account, a contact address, a client address),
 * over one or more sliding windows: for example 5 messages an hour and 10 a day to one contact.
 *
 * @param name    stable name: the key of its counts in the database and the tag of its metric
 * @param windows every window must have room for a use to be allowed
 */
public record Limit(String name, List<Window> windows) {

    public Limit {
        if (name == null || name.isBlank() || name.length() > 32) {
            throw new IllegalArgumentException("A limit needs a name of at most 32 characters");
        }
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("Limit " + name + " needs at least one window");
        }
        windows = List.copyOf(windows);
    }

    public static Limit of(String name, int uses, Duration per) {
        return new Limit(name, List.of(new Window(uses, per)));
    }

    /** The longest window: uses older than this no longer count. */
    public Duration longestWindow() {
        return windows.stream().map(Window::length).max(Duration::compareTo).orElseThrow();
    }

    /**
     * @param uses   how many uses the window allows
     * @param length how far back a use counts
     */
    public record Window(int uses, Duration length) {
        public Window {
            if (uses < 1 || length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("A window allows at least one use over a positive time");
            }
        }
    }
}

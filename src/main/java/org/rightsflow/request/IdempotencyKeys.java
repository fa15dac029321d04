package org.rightsflow.request;

import java.util.regex.Pattern;

/**
 * What an {@code Idempotency-Key} must be: a secret only its owner can know, since a retry with it returns the
 * original answer, status token included. At least 128 bits of entropy: a UUID, or 22 to 128 base64url characters
 * from a random source. Keys that are short or visibly patterned (a counter, a repeated or sequential run of
 * characters) are refused with 400, because someone else could guess them.
 *
 * <p>The checks are calibrated so that a random key almost never fails them (a random 22-character key has about 19
 * distinct characters; fewer than 12 happens about once in a hundred thousand keys, and a client then just draws
 * another one), while a key made by a person or a counter fails.
 */
public final class IdempotencyKeys {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    private IdempotencyKeys() {
    }

    /** @throws InvalidRequestException {@code INVALID_IDEMPOTENCY_KEY} for a key someone else could guess */
    public static void requireUnguessable(String key) {
        if (!isUnguessable(key)) {
            throw new InvalidRequestException("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be a random UUID or "
                    + "at least 22 random base64url characters (128 bits); this one is too short or too regular");
        }
    }

    static boolean isUnguessable(String key) {
        if (key == null) {
            return false;
        }
        if (UUID.matcher(key).matches()) {
            String hex = key.replace("-", "").toLowerCase(java.util.Locale.ROOT);
            return distinct(hex) >= 8 && !hasRun(hex, 6) && sequentialSteps(hex) <= hex.length() / 2;
        }
        if (!BASE64URL.matcher(key).matches()) {
            return false;
        }
        // a random key of n characters from 64 has about 64 * (1 - (63/64)^n) distinct characters
        int expectedDistinct = (int) Math.round(64 * (1 - Math.pow(63.0 / 64.0, key.length())));
        return distinct(key) >= expectedDistinct * 0.6 && !hasRun(key, 5) && sequentialSteps(key) <= key.length() / 3;
    }

    private static long distinct(String s) {
        return s.chars().distinct().count();
    }

    /** Whether some character repeats {@code length} times in a row ("aaaaa"). */
    private static boolean hasRun(String s, int length) {
        int run = 1;
        for (int i = 1; i < s.length(); i++) {
            run = s.charAt(i) == s.charAt(i - 1) ? run + 1 : 1;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Neighbours that count up or down by one ("abcdef", "98765"): about one pair in 30 of random base64url text and
     * one in 9 of random hex (a counter or a keyboard run has far more).
     */
    private static int sequentialSteps(String s) {
        int steps = 0;
        for (int i = 1; i < s.length(); i++) {
            if (Math.abs(s.charAt(i) - s.charAt(i - 1)) == 1) {
                steps++;
            }
        }
        return steps;
    }
}

package org.rightsflow.deadline;

/**
 * The administrator's calendar file failed validation; the data in force did not change.
 *
 * @param problem     names the file and the line
 * @param contentHash the rejected content: the staff are told once per content, not once per look
 */
public record CalendarFileRejected(String file, String problem, String contentHash) {
}

package org.rightsflow.identity;

/** A request joined the open manual verification whose task is the lead request's: its task shows it now. */
public record ManualVerificationJoined(String leadRequestId, String leadReference) {
}

package org.rightsflow.identity;

/** Evidence a relative sent that is not stored, and why; nothing of the upload was kept. */
public class EvidenceRejected extends RuntimeException {

    public enum Reason {
        /** No file in the upload. */
        NO_FILES,
        /** Not a PDF, JPEG or PNG by its content (whatever its name or declared type). */
        UNSUPPORTED_FILE_TYPE,
        /** More than {@link RelativeEvidence#MAX_FILES} files for the request, counting those already stored. */
        TOO_MANY_FILES,
        /** A file larger than {@link RelativeEvidence#MAX_BYTES}. */
        FILE_TOO_LARGE,
        /** The request was not filed by a close relative of a deceased holder: it takes no evidence. */
        EVIDENCE_NOT_EXPECTED,
        /** The identity check is over (verified, closed or withdrawn): evidence can no longer change it. */
        VERIFICATION_CLOSED
    }

    private final Reason reason;

    public EvidenceRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

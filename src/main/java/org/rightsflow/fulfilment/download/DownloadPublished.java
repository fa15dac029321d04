package org.rightsflow.fulfilment.download;

import java.time.Instant;

/** A result link went live; the process layer schedules its deletion at expiry. */
public record DownloadPublished(String downloadId, String reference, Instant expiresAt) {
}

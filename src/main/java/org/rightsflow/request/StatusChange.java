package org.rightsflow.request;

import java.time.Instant;

public record StatusChange(RequestStatus status, Instant at) {
}

package org.rightsflow.request;

/**
 * What the filer gets back from an intake: the request and its status token (the only time the token is handed out).
 * Not to be confused with {@link RequestFiled}, the event the intake publishes for the process layer.
 */
public record FilingReceipt(RightsRequest request, String statusToken) {
}

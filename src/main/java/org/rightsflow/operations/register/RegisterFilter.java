package org.rightsflow.operations.register;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rightsflow.operations.Filters;
import org.rightsflow.operations.InvalidFilterException;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.request.EmailAddresses;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;

/**
 * What a search of the request register asks for; every part optional. Days are days in Asia/Shanghai, both ends
 * included. The account email is looked up exactly (case-insensitive) and never listed: it comes in a POST body or
 * from the session, never in a URL.
 *
 * @param reference   the start of a reference ({@code RR-20261129} finds that day's requests)
 * @param standing    only open requests that stand so against their due date (on time, due soon, overdue)
 * @param overdue     true: only overdue requests; false: only those not overdue
 * @param provisional true: only requests whose due date is provisional (a year without calendar data)
 */
public record RegisterFilter(String reference, Set<RequestType> types, Set<RequestStatus> statuses,
                             LocalDate dueFrom, LocalDate dueTo, LocalDate receivedFrom, LocalDate receivedTo,
                             ReportingRules.DaysLeft standing, Boolean overdue, Boolean provisional, String accountEmail, int page, int size,
                             Sort sort) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    private static final Pattern REFERENCE = Pattern.compile("[A-Z0-9-]{1,20}");

    public enum Sort {
        /** newest receipt first */
        RECEIVED,
        /** earliest due date first */
        DUE
    }

    public RegisterFilter {
        types = Set.copyOf(types);
        statuses = Set.copyOf(statuses);
    }

    /** Everything, first page. */
    public static RegisterFilter all() {
        return new RegisterFilter(null, Set.of(), Set.of(), null, null, null, null, null, null, null, null, 1, DEFAULT_SIZE,
                Sort.RECEIVED);
    }

    /**
     * Reads the parameters of a page or API call ({@code reference, type, status, dueFrom, dueTo, receivedFrom,
     * receivedTo, standing, overdue, provisional, page, size, sort}; type and status repeated or comma-separated).
     *
     * @throws InvalidFilterException naming the first parameter that is wrong
     */
    public static RegisterFilter parse(Map<String, List<String>> parameters, String accountEmail) {
        String reference = Filters.trimmed(first(parameters, "reference"));
        if (reference != null) {
            reference = reference.toUpperCase(java.util.Locale.ROOT);
            if (!REFERENCE.matcher(reference).matches()) {
                throw new InvalidFilterException("BAD_REFERENCE", "reference",
                        "reference must be up to 20 letters, digits and '-' (e.g. RR-20261129-0007)");
            }
        }
        Set<RequestType> types = Filters.codes("type", parameters.get("type"), RequestType.class, RequestType::fromCode,
                "UNKNOWN_TYPE");
        Set<RequestStatus> statuses = Filters.codes("status", parameters.get("status"), RequestStatus.class,
                RegisterFilter::status, "UNKNOWN_STATUS");
        LocalDate dueFrom = Filters.date("dueFrom", first(parameters, "dueFrom"));
        LocalDate dueTo = Filters.date("dueTo", first(parameters, "dueTo"));
        Filters.requireOrder("dueFrom", dueFrom, "dueTo", dueTo);
        LocalDate receivedFrom = Filters.date("receivedFrom", first(parameters, "receivedFrom"));
        LocalDate receivedTo = Filters.date("receivedTo", first(parameters, "receivedTo"));
        Filters.requireOrder("receivedFrom", receivedFrom, "receivedTo", receivedTo);
        Set<ReportingRules.DaysLeft> standings = Filters.codes("standing", parameters.get("standing"),
                ReportingRules.DaysLeft.class, code -> java.util.Arrays.stream(ReportingRules.DaysLeft.values())
                        .filter(d -> d.name().equals(code)).findFirst(), "UNKNOWN_STANDING");
        if (standings.size() > 1) {
            throw new InvalidFilterException("UNKNOWN_STANDING", "standing", "standing takes one of ON_TIME, DUE_SOON, OVERDUE");
        }
        ReportingRules.DaysLeft standing = standings.isEmpty() ? null : standings.iterator().next();
        Boolean overdue = Filters.flag("overdue", first(parameters, "overdue"));
        Boolean provisional = Filters.flag("provisional", first(parameters, "provisional"));
        int page = Filters.number("page", first(parameters, "page"), 1, 1, 100_000, "BAD_NUMBER");
        int size = Filters.number("size", first(parameters, "size"), DEFAULT_SIZE, 1, MAX_SIZE, "PAGE_SIZE_TOO_LARGE");
        String sortText = Filters.trimmed(first(parameters, "sort"));
        Sort sort;
        if (sortText == null) {
            sort = Sort.RECEIVED;
        } else if (sortText.equalsIgnoreCase("received")) {
            sort = Sort.RECEIVED;
        } else if (sortText.equalsIgnoreCase("due")) {
            sort = Sort.DUE;
        } else {
            throw new InvalidFilterException("BAD_SORT", "sort", "sort must be received or due");
        }
        String email = Filters.trimmed(accountEmail);
        if (email != null && (email.length() > 320 || !EmailAddresses.isValid(email))) {
            throw new InvalidFilterException("BAD_EMAIL", "accountEmail", "accountEmail is not an email address");
        }
        return new RegisterFilter(reference, types, statuses, dueFrom, dueTo, receivedFrom, receivedTo, standing,
                overdue, provisional, email, page, size, sort);
    }

    public RegisterFilter withPage(int newPage) {
        return new RegisterFilter(reference, types, statuses, dueFrom, dueTo, receivedFrom, receivedTo, standing,
                overdue, provisional, accountEmail, newPage, size, sort);
    }

    private static java.util.Optional<RequestStatus> status(String code) {
        return java.util.Arrays.stream(RequestStatus.values()).filter(s -> s.name().equals(code)).findFirst();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

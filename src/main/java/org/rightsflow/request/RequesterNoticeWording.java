package org.rightsflow.request;

import java.util.Map;
import org.rightsflow.notice.NoticeAddressee;
import org.springframework.stereotype.Component;

/**
 * Words every notice about a request for whom it goes to: when the recipient is the guardian on file who speaks for
 * the request (a child under 14's, or a minor of 14 to 17's when the guardian filed), the notice says "the minor's
 * personal information", never "your"; a close relative of a deceased holder reads about the deceased account
 * holder's data; the account holder reads "your".
 */
@Component
class RequesterNoticeWording implements NoticeAddressee {

    private final RequestRepository requests;
    private final RequesterContacts contacts;

    RequesterNoticeWording(RequestRepository requests, RequesterContacts contacts) {
        this.requests = requests;
        this.contacts = contacts;
    }

    @Override
    public Map<String, Object> wordingFor(String requestId, String recipient, String language) {
        RightsRequest request = requests.findById(requestId).orElse(null);
        if (request == null || recipient == null) {
            return Map.of();
        }
        return contacts.onFileIncludingDeactivated(request)
                .filter(contact -> recipient.equalsIgnoreCase(contact.email()))
                .map(contact -> wording(request, contact, language))
                .orElse(Map.of());
    }

    /** The wording for a recipient known to be this contact on file of the request. */
    static Map<String, Object> wording(RightsRequest request, RequesterContacts.Contact contact, String language) {
        return contact.guardian()
                ? Map.of("guardian", true, "relative", false, "requestType", request.type().labelForGuardian(language))
                : contact.relative()
                ? Map.of("guardian", false, "relative", true, "requestType", request.type().labelForRelative(language))
                : Map.of("guardian", false, "relative", false);
    }
}

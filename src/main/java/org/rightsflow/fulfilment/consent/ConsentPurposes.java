package org.rightsflow.fulfilment.consent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.request.RequestDetailsValidator;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The consent purposes and the services that depend on each ({@code datamap/consent-purposes.json}): what the
 * requester is told stops when consent is withdrawn. Every purpose a request may name must be described, in both
 * languages, or the application does not start.
 */
@Component
public class ConsentPurposes {

    public static final String LOCATION = "datamap/consent-purposes.json";

    public record Purpose(LocalizedText label, List<LocalizedText> services) {
    }

    private record Document(String comment, Map<String, Purpose> purposes) {
    }

    private final Map<String, Purpose> purposes;

    public ConsentPurposes() {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            Document document = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, Document.class);
            this.purposes = Map.copyOf(document.purposes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        for (String code : RequestDetailsValidator.CONSENT_PURPOSES) {
            Purpose purpose = purposes.get(code);
            if (purpose == null || purpose.label() == null || !purpose.label().isComplete()
                    || purpose.services() == null || purpose.services().isEmpty()
                    || purpose.services().stream().anyMatch(s -> s == null || !s.isComplete())) {
                throw new IllegalStateException(LOCATION + ": purpose " + code
                        + " needs a label and at least one service, in zh-CN and en");
            }
        }
    }

    public String label(String purpose, Locale language) {
        return purposes.get(purpose).label().in(language);
    }

    public List<String> services(String purpose, Locale language) {
        return purposes.get(purpose).services().stream().map(s -> s.in(language)).toList();
    }
}

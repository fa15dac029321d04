package org.rightsflow.fulfilment.correction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.Change;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ChangeStatus;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ChangeView;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ReviewView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of a correction: what the requester reads per change, in the request's language (the
 * {@code correction.*} messages, i18n/correction*.properties), and the rows of the privacy officer's review form
 * (Tasklist's forms are in English).
 */
@Component
class CorrectionWording {

    private final MessageSource messages;
    private final CorrectableFields fields;

    CorrectionWording(MessageSource messages, CorrectableFields fields) {
        this.messages = messages;
        this.fields = fields;
    }

    /** zh-CN for a request in any Chinese, English otherwise. */
    static Locale locale(String language) {
        return language.startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** Why a change was not made, as the requester reads it. */
    String reason(ChangeStatus status, Locale locale) {
        return messages.getMessage("correction.reason." + status.name(), null, status.name(), locale);
    }

    /** One line per change for the CORRECTION_RESULT notice: its number, the field and what became of it. */
    List<String> resultLines(List<Change> changes, Set<Integer> supplements, Locale locale) {
        List<String> lines = new ArrayList<>();
        for (Change change : changes) {
            String label = fields.find(change.field()).map(f -> f.label().in(locale))
                    .orElseGet(() -> message("correction.change.unknownField", locale));
            String what = switch (change.status()) {
                case APPLIED -> message(supplements.contains(change.changeNo()) ? "correction.change.supplemented"
                        : "correction.change.corrected", locale);
                case REJECTED -> message("correction.change.rejected", locale);
                default -> message("correction.change.notCorrected", locale, reason(change.status(), locale));
            };
            lines.add(message("correction.change", locale, Integer.toString(change.changeNo()), label, what));
        }
        return lines;
    }

    /**
     * The explanation of the result notice: the staff's explanations, then the changes not made for a reason of
     * their own (number: reason); null when there is nothing to explain.
     */
    String explanation(List<String> staffTexts, List<Change> changes, Locale locale) {
        List<String> reasons = changes.stream().filter(c -> c.status().notAppliedWithReason())
                .map(c -> c.changeNo() + ": " + reason(c.status(), locale)).toList();
        String combined = String.join("\n", staffTexts);
        if (!reasons.isEmpty()) {
            combined = (combined.isEmpty() ? "" : combined + "\n")
                    + message("correction.notMade", locale, String.join("; ", reasons));
        }
        return combined.isEmpty() ? null : combined;
    }

    /** The review form's table rows and the choices for rejecting single changes: plain text, masked values. */
    ReviewView reviewView(List<ChangeView> views) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, String>> options = new ArrayList<>();
        for (ChangeView view : views) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("change", Integer.toString(view.changeNo()));
            row.put("field", view.label());
            row.put("category", view.category() == null ? "" : view.category() + (view.sensitive() ? ", sensitive" : ""));
            row.put("current", view.current());
            row.put("requested", view.requested());
            String reason = reason(view.status(), Locale.ENGLISH);
            if (view.status() == ChangeStatus.PENDING) {
                row.put("note", "");
                options.add(option(view.changeNo(), view.label() + ": " + view.current() + " → " + view.requested()));
            } else if (view.status().foundByChecks()) {
                row.put("note", "the checks found it cannot be applied — " + reason
                        + ". Suggested: reject it (ticked below), with a ground");
                options.add(option(view.changeNo(), view.label() + ": cannot be applied (" + reason + ")"));
            } else {
                row.put("note", "not for review — " + reason);
            }
            rows.add(row);
        }
        return new ReviewView(rows, options);
    }

    private static Map<String, String> option(int changeNo, String label) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", changeNo + ". " + label);
        option.put("value", Integer.toString(changeNo));
        return option;
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}

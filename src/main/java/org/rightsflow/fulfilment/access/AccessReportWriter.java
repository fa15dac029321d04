package org.rightsflow.fulfilment.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.ColumnMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.datamap.MappedCategory;
import org.rightsflow.datamap.RetentionRule;
import org.rightsflow.datamap.SubjectMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * ACCESS (查阅, PIPL Art. 45): a self-contained HTML report of the personal information held
 * about an account, per data category: what it contains, where it comes from, why it is
 * processed and on what legal basis, how long it is kept, whom it is shared with, and how
 * many records are held. It describes and counts; it never shows the records themselves
 * (that is the COPY right), nor any value of the account holder's data.
 */
@Service
public class AccessReportWriter {

    public static final String TEMPLATE = "reports/access-report";
    static final String MESSAGES = "datamap/access-report-messages.json";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AccountDirectory accounts;
    private final DataConnectors connectors;
    private final ITemplateEngine templates;
    private final Clock clock;
    private final Map<String, LocalizedText> messages;

    @Autowired
    public AccessReportWriter(AccountDirectory accounts, DataConnectors connectors, ITemplateEngine templates,
                               ObjectProvider<Clock> clock) {
        this(accounts, connectors, templates, clock.getIfAvailable(Clock::systemUTC));
    }

    public AccessReportWriter(AccountDirectory accounts, DataConnectors connectors, ITemplateEngine templates,
                               Clock clock) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.templates = templates;
        this.clock = clock;
        this.messages = loadMessages();
    }

    /** A category as the report shows it, in one language. */
    public record CategoryView(String code, String label, String description, String fields, String source,
                               String purpose, String legalBasis, String retention, List<PartyView> thirdParties,
                               boolean shared, long count, String countText, boolean sensitive, String system) {
    }

    /** A recipient the category is shared with. */
    public record PartyView(String name, String purpose) {
    }

    /**
     * Builds the report.
     *
     * @param accountId the verified account
     * @param reference the request reference, printed on the report
     * @param language  {@code zh-CN} (default) or {@code en}
     * @return the page, UTF-8 encoded
     * @throws IllegalArgumentException when the account does not exist
     */
    public byte[] buildReport(long accountId, String reference, Locale language) {
        return buildReport(accountId, reference, language, Set.of());
    }

    /**
     * Builds the report without the categories an approved partial refusal withheld (PIPL Art. 50). A withheld
     * category is neither described nor counted, and never listed as "not held" (that would be untrue): the report
     * names it as withheld and points to the result notice, which gives the grounds.
     *
     * @param withheld the categories the request's review took out ({@code ReviewScopes#excluded})
     */
    public byte[] buildReport(long accountId, String reference, Locale language, Set<DataCategory> withheld) {
        return buildReport(accountId, reference, language, withheld,
                mapped -> connectors.forMapping(mapped).supports(org.rightsflow.datamap.ConnectorOperation.COUNT)
                        ? java.util.OptionalLong.of(connectors.forMapping(mapped).count(mapped.category(), accountId))
                        : java.util.OptionalLong.empty());
    }

    /**
     * Builds the report from counts made per system (each system's step: its connector, its worker, or a data
     * operator who looked by hand).
     *
     * @param counts per system and category, the rows held; empty when a data operator checked it without a number
     *               (the report says our staff checked it)
     */
    public byte[] buildReport(long accountId, String reference, Locale language, Set<DataCategory> withheld,
                              java.util.function.Function<MappedCategory, java.util.OptionalLong> counts) {
        AccountFacts account = accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account with id " + accountId));
        boolean english = LocalizedText.isEnglish(language);
        Locale locale = english ? Locale.ENGLISH : LocalizedText.ZH_CN;
        DataMap dataMap = connectors.dataMap();
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);

        List<CategoryView> held = new ArrayList<>();
        List<String> notHeld = new ArrayList<>();
        List<String> withheldLabels = new ArrayList<>();
        for (DataCategory category : DataCategory.values()) {
            if (withheld.contains(category)) {
                withheldLabels.add(dataMap.mappings(category).get(0).mapping().label().in(locale));
                continue;
            }
            boolean any = false;
            for (MappedCategory mapped : dataMap.mappings(category)) {
                java.util.OptionalLong count = counts.apply(mapped);
                if (count.isEmpty() || count.getAsLong() > 0) {
                    held.add(view(mapped, count.orElse(-1), account.minor(), locale, numbers));
                    any = true;
                }
            }
            if (!any) {
                notHeld.add(dataMap.mappings(category).get(0).mapping().label().in(locale));
            }
        }

        Map<String, Object> model = new HashMap<>();
        model.put("lang", english ? "en" : "zh-CN");
        model.put("t", texts(locale));
        model.put("reference", reference);
        model.put("generatedAt", ZonedDateTime.now(clock.withZone(DataMap.ZONE)).format(TIME));
        model.put("minor", account.minor());
        model.put("profileFields", profileFields(dataMap.subject(), accountId, locale));
        model.put("categories", held);
        model.put("notHeld", notHeld);
        model.put("withheld", withheldLabels);
        String html = templates.process(TEMPLATE, new Context(locale, model));
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The categories held about the account, as the report describes them (source, purpose, legal basis, retention,
     * third parties, counts), in the given language: the facts an officer's answer to an EXPLAIN starts from.
     */
    public List<CategoryView> heldCategories(long accountId, Locale language) {
        AccountFacts account = accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account with id " + accountId));
        Locale locale = LocalizedText.isEnglish(language) ? Locale.ENGLISH : LocalizedText.ZH_CN;
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<CategoryView> held = new ArrayList<>();
        for (DataCategory category : DataCategory.values()) {
            held.addAll(held(connectors.dataMap(), category, accountId, account.minor(), locale, numbers));
        }
        return held;
    }

    /**
     * The systems holding the category for the account, counted through their connectors; a system no connector
     * reaches (a worker's, a manual one) is listed with its count unknown (-1): it may hold the category.
     */
    private List<CategoryView> held(DataMap dataMap, DataCategory category, long accountId, boolean minor,
                                    Locale locale, NumberFormat numbers) {
        List<CategoryView> views = new ArrayList<>();
        for (MappedCategory mapped : dataMap.mappings(category)) {
            var connector = connectors.forMapping(mapped);
            if (!connector.supports(org.rightsflow.datamap.ConnectorOperation.COUNT)) {
                views.add(view(mapped, -1, minor, locale, numbers));
                continue;
            }
            long count = connector.count(category, accountId);
            if (count > 0) {
                views.add(view(mapped, count, minor, locale, numbers));
            }
        }
        return views;
    }

    private CategoryView view(MappedCategory mapped, long count, boolean minor, Locale locale, NumberFormat numbers) {
        CategoryMapping m = mapped.mapping();
        List<PartyView> parties = m.thirdParties().stream()
                .map(p -> new PartyView(p.name().in(locale), p.purpose().in(locale)))
                .toList();
        String retention = m.retentionRule()
                .map(r -> retentionText(r, locale))
                .orElse(messages.get("retentionNone").in(locale));
        String fields = String.join(separator(locale), m.columns().stream()
                .filter(c -> !c.name().equals(m.idColumn()))
                .map(c -> c.label().in(locale))
                .toList());
        return new CategoryView(m.category().name(), m.label().in(locale), m.description().in(locale), fields,
                m.source().in(locale), m.purpose().in(locale), m.legalBasis().label().in(locale), retention,
                parties, !parties.isEmpty(), count,
                count < 0 ? (LocalizedText.isEnglish(locale) ? "checked by our staff" : "由工作人员核查")
                        : numbers.format(count), m.sensitive() || minor,
                mapped.system().label().in(locale));
    }

    private static String retentionText(RetentionRule rule, Locale locale) {
        return LocalizedText.isEnglish(locale)
                ? rule.description().en() + " (" + rule.basis().en() + ")"
                : rule.description().zhCN() + "（" + rule.basis().zhCN() + "）";
    }

    /** The labels of the profile fields that have a value: which data is held, never the data. */
    private String profileFields(SubjectMapping subject, long accountId, Locale locale) {
        Map<String, Object> record = connectors.subjectRecord(accountId).orElse(Map.of());
        List<String> labels = new ArrayList<>();
        for (ColumnMapping column : subject.columns()) {
            if (record.get(column.name()) != null) {
                labels.add(column.label().in(locale));
            }
        }
        return String.join(separator(locale), labels);
    }

    private static String separator(Locale locale) {
        return LocalizedText.isEnglish(locale) ? ", " : "、";
    }

    private Map<String, String> texts(Locale locale) {
        Map<String, String> texts = new HashMap<>();
        messages.forEach((key, text) -> texts.put(key, text.in(locale)));
        return texts;
    }

    private static Map<String, LocalizedText> loadMessages() {
        try (InputStream in = new ClassPathResource(MESSAGES).getInputStream()) {
            Map<String, LocalizedText> loaded = JsonMapper.builder().build()
                    .readValue(in, new TypeReference<Map<String, LocalizedText>>() { });
            loaded.forEach((key, text) -> {
                if (text == null || !text.isComplete()) {
                    throw new IllegalStateException(MESSAGES + ": message '" + key + "' needs zh-CN and en");
                }
            });
            return Map.copyOf(Objects.requireNonNull(loaded));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MESSAGES, e);
        }
    }
}

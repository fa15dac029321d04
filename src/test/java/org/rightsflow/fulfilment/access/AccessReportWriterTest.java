package org.rightsflow.fulfilment.access;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.SeededAccountSystem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;
import static org.rightsflow.demo.DemoAccounts.LI_LEI_PHONE;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_EMAIL;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_PHONE;

/** The ACCESS report: every category held, with counts, in both languages, and no personal values. */
class AccessReportWriterTest {

    private static final Pattern SECTION = Pattern.compile(
            "<section class=\"category\" id=\"category-([A-Z_]+)\" data-category=\"\\1\" data-count=\"(\\d+)\">");
    private static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");

    private static SeededAccountSystem system;
    private static AccessReportWriter service;

    @BeforeAll
    static void setUp() {
        system = SeededAccountSystem.shared();
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        service = new AccessReportWriter(system.directory(), system.connectors(), engine,
                Clock.fixed(Instant.parse("2026-11-29T04:30:00Z"), ZoneOffset.UTC));
    }

    @Test
    void listsEveryCategoryWithItsCountInChinese() {
        String html = report(LI_LEI, "RR-20261129-0007", ZH_CN);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">")
                .contains("<meta charset=\"UTF-8\">")
                .contains("个人信息查阅报告")
                .contains("RR-20261129-0007")
                .contains("2026-11-29 12:30");
        assertThat(sectionCounts(html)).isEqualTo(SeededAccountSystem.LI_LEI_TOTALS);
        for (DataCategory category : DataCategory.values()) {
            CategoryMapping m = system.dataMap().mappings(category).get(0).mapping();
            String section = section(html, category);
            assertThat(section).contains(html(m.label().zhCN()), html(m.description().zhCN()),
                    html(m.source().zhCN()), html(m.purpose().zhCN()), html(m.legalBasis().label().zhCN()));
            m.thirdParties().forEach(p -> assertThat(section).contains(html(p.name().zhCN())));
            assertThat(section).contains(m.retentionRule()
                    .map(r -> r.description().zhCN() + "（" + r.basis().zhCN() + "）")
                    .orElse("无法定保存期限"));
        }
        assertThat(section(html, DataCategory.OPERATION_LOGS)).contains("《网络安全法》第二十一条");
        assertThat(section(html, DataCategory.PAYMENTS)).contains("《电子商务法》第三十一条", "敏感个人信息");
        assertThat(html).contains("注册邮箱、手机号码、昵称、出生日期");
    }

    @Test
    void listsEveryCategoryWithItsCountInEnglish() {
        String html = report(LI_LEI, "RR-20261129-0007", Locale.ENGLISH);
        assertThat(html).contains("<html lang=\"en\">").contains("Personal information access report")
                .contains("China Standard Time");
        assertThat(sectionCounts(html)).isEqualTo(SeededAccountSystem.LI_LEI_TOTALS);
        for (DataCategory category : DataCategory.values()) {
            CategoryMapping m = system.dataMap().mappings(category).get(0).mapping();
            String section = section(html, category);
            assertThat(section).contains(html(m.label().en()), html(m.description().en()), html(m.source().en()),
                    html(m.purpose().en()), html(m.legalBasis().label().en()));
            m.thirdParties().forEach(p -> assertThat(section).contains(html(p.name().en()), html(p.purpose().en())));
        }
        assertThat(section(html, DataCategory.OPERATION_LOGS))
                .contains("Kept for at least 6 months after the operation (Cybersecurity Law Art. 21)");
        assertThat(section(html, DataCategory.BILLING)).contains("(E-Commerce Law Art. 31)");
        assertThat(section(html, DataCategory.CONSENTS)).contains("No legal retention period");
        assertThat(section(html, DataCategory.OPERATION_LOGS)).contains("Not shared with third parties.");
        assertThat(html).contains("Registered email address, Mobile phone number, Display name, Date of birth");
        assertThat(html).containsPattern("id=\"not-held\">\\s*<h2>Categories we do not hold</h2>\\s*<p>None.</p>");
    }

    @Test
    void showsNoPersonalValuesOfTheSubject() {
        JdbcTemplate jdbc = system.jdbc();
        long liLei = system.accountId(LI_LEI);
        Map<String, Object> realName = jdbc.queryForMap(
                "select full_name, id_number from account_real_name where account_id = ?", liLei);
        List<String> secrets = new ArrayList<>(List.of(LI_LEI, LI_LEI_PHONE, "13800000001", "李雷",
                (String) realName.get("full_name"), (String) realName.get("id_number"),
                "6222000000000000001", "6222 **** **** 0001", "中关村", "oDEMO_wx_openid_lilei_0001", "100000001",
                "203.0.113.", "li.lei.security@example.com", "1990-05-12", "DEMO-TK-0001", "DEMO-CT-0001"));
        for (Locale language : List.of(ZH_CN, Locale.ENGLISH)) {
            String html = report(LI_LEI, "RR-20261129-0007", language);
            for (String secret : secrets) {
                assertThat(html).as(language + " must not contain " + secret).doesNotContain(secret);
            }
            // self-contained: nothing is loaded from elsewhere
            assertThat(html).doesNotContain("<script", "<link", "src=", "http://", "https://");
        }
    }

    @Test
    void namesTheCategoriesNotHeld() {
        String html = report(WANG_FANG, "RR-20261129-0008", Locale.ENGLISH);
        Map<DataCategory, Long> counts = sectionCounts(html);
        assertThat(counts).doesNotContainKeys(DataCategory.CONTRACTS, DataCategory.SUPPORT);
        assertThat(counts).containsEntry(DataCategory.BILLING, 3L);
        String notHeld = html.substring(html.indexOf("id=\"not-held\""));
        assertThat(notHeld).contains("<li>Contracts</li>", "<li>Customer support</li>");
    }

    @Test
    void withheldCategoriesAreNeitherReportedNorCalledNotHeld() {
        String html = new String(service.buildReport(system.accountId(WANG_FANG), "RR-20261129-0010", Locale.ENGLISH,
                java.util.Set.of(DataCategory.BILLING, DataCategory.CONTRACTS)), StandardCharsets.UTF_8);
        Map<DataCategory, Long> counts = sectionCounts(html);
        assertThat(counts).doesNotContainKeys(DataCategory.BILLING, DataCategory.CONTRACTS).isNotEmpty();
        assertThat(html).doesNotContain("data-category=\"BILLING\"");
        String withheld = html.substring(html.indexOf("id=\"withheld\""), html.indexOf("id=\"not-held\""));
        assertThat(withheld).contains("<li>Billing data</li>", "<li>Contracts</li>");
        String notHeld = html.substring(html.indexOf("id=\"not-held\""));
        assertThat(notHeld).contains("<li>Customer support</li>").doesNotContain("Contracts", "Billing data");
        assertThat(report(WANG_FANG, "RR-20261129-0010", Locale.ENGLISH)).as("nothing withheld, no such section")
                .doesNotContain("id=\"withheld\"");
    }

    @Test
    void aMinorsReportSaysAllTheirDataIsSensitive() {
        String html = report(XIAO_MING, "RR-20261129-0009", ZH_CN);
        assertThat(html).contains("id=\"minor-note\"").contains("未满十四周岁");
        for (DataCategory category : sectionCounts(html).keySet()) {
            assertThat(section(html, category)).as(category.name()).contains("敏感个人信息");
        }
        assertThat(html).contains("监护人邮箱、监护人手机号码")
                .doesNotContain(XIAO_MING_GUARDIAN_EMAIL, XIAO_MING_GUARDIAN_PHONE, XIAO_MING, "肖明");
    }

    @Test
    void anOtherLanguageFallsBackToChinese() {
        assertThat(report(LI_LEI, "RR-1", Locale.FRENCH)).contains("<html lang=\"zh-CN\">");
        assertThat(report(LI_LEI, "RR-1", null)).contains("<html lang=\"zh-CN\">");
    }

    @Test
    void anUnknownAccountIsAnError() {
        assertThatThrownBy(() -> service.buildReport(-1, "RR-1", Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReferenceIsEscaped() {
        assertThat(report(LI_LEI, "<b>RR</b>", Locale.ENGLISH)).contains("&lt;b&gt;RR&lt;/b&gt;")
                .doesNotContain("<b>RR</b>");
    }

    private static String report(String email, String reference, Locale language) {
        byte[] bytes = service.buildReport(system.accountId(email), reference, language);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<DataCategory, Long> sectionCounts(String html) {
        Map<DataCategory, Long> counts = new java.util.EnumMap<>(DataCategory.class);
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            // a category held by several systems has a section per system (the demo's consents: two)
            counts.merge(DataCategory.valueOf(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
        }
        return counts;
    }

    /** The text as Thymeleaf escapes it in HTML. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String section(String html, DataCategory category) {
        int start = html.indexOf("id=\"category-" + category.name() + "\"");
        assertThat(start).as(category.name()).isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }
}

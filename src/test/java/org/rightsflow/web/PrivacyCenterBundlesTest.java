package org.rightsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The texts of the pages, the correction's wording and the package's index.html exist in both languages: every key
 * of each English (base) bundle has its zh-CN text and the other way round. A key missing in zh-CN would show a Chinese reader the English text (the base bundle answers for it);
 * a guardian's or a relative's wording ({@code .guardian}, {@code .relative}) chosen by asking the base bundle
 * relies on the pair. Those wordings themselves never address the reader as the account holder, and a relative
 * (who has no contact on file) is never sent to the contact details registered for the account.
 */
class PrivacyCenterBundlesTest {

    private static final List<String> ADDRESSING_THE_HOLDER = List.of("your account", "your personal information",
            "your information", "your data", "about you", "my account", "您的账号", "您的个人信息", "您的信息",
            "您的数据", "我的账号");

    @ParameterizedTest
    @ValueSource(strings = {"i18n/privacy", "i18n/staff", "i18n/correction", "i18n/package"})
    void everyTextExistsInBothLanguages(String bundle) throws IOException {
        Set<String> english = load(bundle + ".properties").stringPropertyNames();
        Set<String> chinese = load(bundle + "_zh_CN.properties").stringPropertyNames();
        assertThat(new TreeSet<>(chinese)).as("keys without a zh-CN text in " + bundle)
                .containsAll(english);
        assertThat(new TreeSet<>(english)).as("zh-CN keys without an English text in " + bundle)
                .containsAll(chinese);
    }

    @ParameterizedTest
    @CsvSource({"i18n/privacy.properties, .guardian", "i18n/privacy_zh_CN.properties, .guardian",
            "i18n/privacy.properties, .relative", "i18n/privacy_zh_CN.properties, .relative"})
    void theGuardiansAndRelativesWordingsNeverAddressTheHolder(String file, String suffix) throws IOException {
        Properties texts = load(file);
        List<String> worded = texts.stringPropertyNames().stream().filter(k -> k.endsWith(suffix)).toList();
        assertThat(worded).hasSizeGreaterThanOrEqualTo(10);
        for (String key : worded) {
            String text = texts.getProperty(key).toLowerCase(Locale.ROOT);
            assertThat(ADDRESSING_THE_HOLDER).as(key + ": " + text).noneMatch(text::contains);
            String holders = texts.getProperty(key.substring(0, key.length() - suffix.length()));
            assertThat(holders).as("the holder's text of " + key).isNotNull();
            assertThat(texts.getProperty(key)).as(key + " must differ from the holder's text").isNotEqualTo(holders);
            if (suffix.equals(".relative")) {
                assertThat(text).as(key).doesNotContain("registered for the account", "账号登记");
            }
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                PrivacyCenterBundlesTest.class.getClassLoader().getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

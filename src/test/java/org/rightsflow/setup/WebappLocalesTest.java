package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webapps' Chinese locale files (our own translation, {@code locales/zh.json} beside the webjar's English) keep
 * the English file's structure exactly: every label key, the moment.js date settings, every placeholder and every
 * HTML tag. After a Camunda upgrade this names the keys that need a translation. Tasklist, where staff work all
 * day, is translated completely; for every app the share is printed.
 */
class WebappLocalesTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}|\\{}|%[sd]");
    private static final Pattern TAG = Pattern.compile("</?(a|br|strong|b|i|em|code|span|p)\\b[^>]*>");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");
    /** Labels that read the same in Chinese: names, formats, file types (symbols and numbers need no check). */
    private static final Set<String> SAME_IN_CHINESE = Set.of("Camunda", "Optimize", "ID", "ID*", "CSV", "JSON",
            "null", "<null>", "<undefined>", "requestPayload", "YYYY-MM-DDTHH:mm:ss");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void theChineseFileHasTheEnglishFilesStructure(String app) throws IOException {
        JsonNode english = read(webjarEnglish(app));
        JsonNode chinese = read(ours(app, "locales/zh.json"));

        assertThat(keys(chinese)).isEqualTo(keys(english));
        assertThat(fieldNames(chinese.path("labels"))).as(app + ": label keys, as Camunda's English file has them")
                .isEqualTo(fieldNames(english.path("labels")));
        if (english.has("dateLocales")) {
            assertSameShape(english.get("dateLocales"), chinese.get("dateLocales"), app + ".dateLocales");
        }

        int translated = 0;
        List<String> untranslated = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> labels = english.get("labels").fields(); labels.hasNext(); ) {
            Map.Entry<String, JsonNode> label = labels.next();
            String en = label.getValue().asText();
            String zh = chinese.get("labels").get(label.getKey()).asText();
            assertThat(all(PLACEHOLDER, zh)).as(app + "." + label.getKey() + " placeholders").isEqualTo(all(PLACEHOLDER, en));
            assertThat(all(TAG, zh).size()).as(app + "." + label.getKey() + " HTML tags").isEqualTo(all(TAG, en).size());
            if (CJK.matcher(zh).find()) {
                translated++;
            } else if (WORD.matcher(zh).find() && !SAME_IN_CHINESE.contains(zh.strip())) {
                untranslated.add(label.getKey() + "=" + zh);
            }
        }
        int total = english.get("labels").size();
        System.out.printf("Webapp locale zh, %s: %d of %d labels in Chinese, %d the same in both languages%n", app,
                translated, total, total - translated - untranslated.size());
        assertThat(untranslated).as(app + ": labels still in English").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void eachAppOffersChineseWithEnglishAsTheFallbackAndHidesTheMigrationBanner(String app) throws IOException {
        String config = text(ours(app, "scripts/config.js"));
        assertThat(config).contains("availableLocales: ['en', 'de', 'zh']").contains("fallbackLocale: 'en'");
        assertThat(text(ours(app, "styles/user-styles.css"))).containsPattern("\\.ce-eol-banner \\{\\s*display: none");
    }

    private static void assertSameShape(JsonNode english, JsonNode chinese, String path) {
        assertThat(chinese).as(path).isNotNull();
        assertThat(chinese.getNodeType()).as(path).isEqualTo(english.getNodeType());
        if (english.isObject()) {
            assertThat(fieldNames(chinese)).as(path).isEqualTo(fieldNames(english));
            english.fieldNames().forEachRemaining(name -> assertSameShape(english.get(name), chinese.get(name), path + "." + name));
        } else if (english.isArray()) {
            assertThat(chinese.size()).as(path).isEqualTo(english.size());
        }
    }

    private static URL webjarEnglish(String app) throws IOException {
        // the webjar's own file: the application adds no en.json of its own
        List<URL> found = Collections.list(WebappLocalesTest.class.getClassLoader().getResources(APP + app + "/locales/en.json"));
        assertThat(found).as("one English file, the webjar's").hasSize(1);
        assertThat(found.get(0).toString()).contains("camunda-webapp-webjar");
        return found.get(0);
    }

    private static URL ours(String app, String path) {
        URL url = WebappLocalesTest.class.getClassLoader().getResource(APP + app + "/" + path);
        assertThat(url).as(app + "/" + path).isNotNull();
        assertThat(url.toString()).as("our file comes first on the class path").doesNotContain("camunda-webapp-webjar");
        return url;
    }

    private static JsonNode read(URL url) throws IOException {
        String text = text(url);
        return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static String text(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().replace(" ", ""));
        }
        Collections.sort(found);
        return found;
    }
}

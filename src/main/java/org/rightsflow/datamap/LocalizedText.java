package org.rightsflow.datamap;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * A text shown to people, in the two languages of the product. {@code zh-CN} is the default;
 * English is used when the language asked for is English.
 */
public record LocalizedText(@JsonProperty("zh-CN") String zhCN, @JsonProperty("en") String en) {

    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;

    /** The text in the given language: English for any {@code en*} locale, otherwise Chinese. */
    public String in(Locale language) {
        return isEnglish(language) ? en : zhCN;
    }

    public boolean isComplete() {
        return zhCN != null && !zhCN.isBlank() && en != null && !en.isBlank();
    }

    /** True for English locales; every other language (and null) falls back to zh-CN. */
    public static boolean isEnglish(Locale language) {
        return language != null && "en".equals(language.getLanguage());
    }
}

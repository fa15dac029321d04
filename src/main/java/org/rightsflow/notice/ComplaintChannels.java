package org.rightsflow.notice;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a requester may complain about how a request was handled ({@code rightsflow.complaints.channels}): the
 * privacy statement names a web form, an email address and a postal address. Every refusal and partial refusal
 * names each configured channel (docs/notices.md), with the right to sue in a people's court; the pages show them
 * too. A channel whose address is blank is left out (an environment variable not set), but at least one must
 * remain, and each must be what its type says: the application does not start otherwise.
 *
 * @param channels in the order the notices list them
 */
@ConfigurationProperties(prefix = "rightsflow.complaints")
public record ComplaintChannels(@DefaultValue List<Channel> channels) {

    /** How a complaint reaches the provider. */
    public enum Type {
        WEB_FORM("网上投诉表单", "Web form"),
        EMAIL("电子邮件", "Email"),
        POST("邮寄地址", "Postal address");

        private final String chinese;
        private final String english;

        Type(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        String label(String language) {
            return isChinese(language) ? chinese : english;
        }
    }

    /**
     * @param address   as written in a Chinese notice (and in every language where {@code addressEn} is blank)
     * @param addressEn a postal address as written in an English notice; optional
     */
    public record Channel(Type type, String address, String addressEn) {

        String address(String language) {
            return !isChinese(language) && addressEn != null && !addressEn.isBlank() ? addressEn.strip()
                    : address.strip();
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_ADDRESS = 300;

    @ConstructorBinding
    public ComplaintChannels {
        List<Channel> configured = new ArrayList<>();
        for (Channel channel : channels) {
            if (channel == null || channel.address() == null || channel.address().isBlank()) {
                continue;
            }
            check(channel);
            configured.add(channel);
        }
        if (configured.isEmpty()) {
            throw new IllegalStateException("rightsflow.complaints.channels: configure at least one complaint channel"
                    + " (a web form, an email address, a postal address; in the postgres profile COMPLAINT_WEB_FORM,"
                    + " COMPLAINT_EMAIL, COMPLAINT_POSTAL_ADDRESS): every refusal must name where to complain");
        }
        channels = List.copyOf(configured);
    }

    private static void check(Channel channel) {
        String where = "rightsflow.complaints.channels (" + channel.type() + "): ";
        if (channel.type() == null) {
            throw new IllegalStateException("rightsflow.complaints.channels: every channel needs a type"
                    + " (WEB_FORM, EMAIL, POST)");
        }
        for (String value : new String[] {channel.address(), channel.addressEn()}) {
            if (value != null && (value.length() > MAX_ADDRESS || value.chars().anyMatch(Character::isISOControl))) {
                throw new IllegalStateException(where + "an address is one line of at most " + MAX_ADDRESS
                        + " characters");
            }
        }
        String address = channel.address().strip();
        switch (channel.type()) {
            case WEB_FORM -> {
                URI uri;
                try {
                    uri = URI.create(address);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(where + "not a URL: " + address);
                }
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalStateException(where + "a web form needs an http(s) URL: " + address);
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(address).matches()) {
                    throw new IllegalStateException(where + "not an email address: " + address);
                }
            }
            case POST -> {
                // free text: a postal address has no syntax to check beyond one line
            }
        }
    }

    /** The channels as a notice of the language lists them: {@code label} and {@code address} of each. */
    public List<Map<String, String>> forNotice(String language) {
        return channels.stream().map(c -> Map.of("label", c.type().label(language), "address", c.address(language)))
                .toList();
    }

    /** All channels in one line, for a page footer or a sentence. */
    public String inOneLine(String language) {
        return String.join(isChinese(language) ? "；" : "; ", channels.stream()
                .map(c -> c.type().label(language) + (isChinese(language) ? "：" : ": ") + c.address(language))
                .toList());
    }

    private static boolean isChinese(String language) {
        return language == null || language.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
    }
}

package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.notice.ComplaintChannels.Channel;
import org.rightsflow.notice.ComplaintChannels.Type;

/** The configured complaint channels: checked at start, blanks left out, each in the notice's language. */
class ComplaintChannelsTest {

    @Test
    void eachChannelReadsInTheNoticesLanguage() {
        ComplaintChannels channels = ComplaintChannelsFixture.ONE_OF_EACH;
        assertThat(channels.forNotice("zh-CN")).containsExactly(
                Map.of("label", "网上投诉表单", "address", "https://example.test/complaints"),
                Map.of("label", "电子邮件", "address", "complaints@example.test"),
                Map.of("label", "邮寄地址", "address", "北京市海淀区测试路 2 号"));
        assertThat(channels.forNotice("en")).extracting(c -> c.get("address"))
                .containsExactly("https://example.test/complaints", "complaints@example.test", "2 Test Road, Beijing");
        assertThat(channels.inOneLine("en")).isEqualTo("Web form: https://example.test/complaints; Email:"
                + " complaints@example.test; Postal address: 2 Test Road, Beijing");
    }

    @Test
    void aBlankChannelIsLeftOutButOneMustRemain() {
        ComplaintChannels one = new ComplaintChannels(List.of(new Channel(Type.WEB_FORM, "", null),
                new Channel(Type.EMAIL, "complaints@example.test", null), new Channel(Type.POST, " ", "")));
        assertThat(one.channels()).extracting(Channel::type).containsExactly(Type.EMAIL);
        assertThatThrownBy(() -> new ComplaintChannels(List.of(new Channel(Type.EMAIL, "", null))))
                .hasMessageContaining("configure at least one complaint channel")
                .hasMessageContaining("COMPLAINT_EMAIL");
        assertThatThrownBy(() -> new ComplaintChannels(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void eachChannelMustBeWhatItsTypeSays() {
        assertThatThrownBy(() -> new ComplaintChannels(List.of(new Channel(Type.EMAIL, "not-an-address", null))))
                .hasMessageContaining("not an email address");
        assertThatThrownBy(() -> new ComplaintChannels(List.of(new Channel(Type.WEB_FORM, "javascript:alert(1)",
                null)))).hasMessageContaining("needs an http(s) URL");
        assertThatThrownBy(() -> new ComplaintChannels(List.of(new Channel(Type.POST, "line one\nline two", null))))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> new ComplaintChannels(List.of(new Channel(null, "x@example.test", null))))
                .hasMessageContaining("needs a type");
    }
}

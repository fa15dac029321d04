package org.rightsflow.notice;

import java.util.List;

/** The complaint channels the notice tests configure: one of each kind, a postal address with its English form. */
final class ComplaintChannelsFixture {

    static final ComplaintChannels ONE_OF_EACH = new ComplaintChannels(List.of(
            new ComplaintChannels.Channel(ComplaintChannels.Type.WEB_FORM, "https://example.test/complaints", null),
            new ComplaintChannels.Channel(ComplaintChannels.Type.EMAIL, "complaints@example.test", null),
            new ComplaintChannels.Channel(ComplaintChannels.Type.POST, "北京市海淀区测试路 2 号", "2 Test Road, Beijing")));

    private ComplaintChannelsFixture() {
    }
}

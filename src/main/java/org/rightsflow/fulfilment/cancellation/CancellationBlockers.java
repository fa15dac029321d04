package org.rightsflow.fulfilment.cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What must be settled before an account can be cancelled (counts only: no amounts, no names). */
public record CancellationBlockers(long unpaidBills, long activeResources, long openInvoices) {

    public boolean any() {
        return unpaidBills > 0 || activeResources > 0 || openInvoices > 0;
    }

    /** One line per kind of blocker, in the request's language. */
    public List<String> describe(String language) {
        boolean zh = language.toLowerCase(Locale.ROOT).startsWith("zh");
        List<String> lines = new ArrayList<>();
        if (unpaidBills > 0) {
            lines.add(zh ? "未支付的账单：" + unpaidBills + " 笔（请先付清）" : "Unpaid bills: " + unpaidBills + " (pay them)");
        }
        if (activeResources > 0) {
            lines.add(zh ? "仍在运行的云资源：" + activeResources + " 个（请先释放）"
                    : "Active cloud resources: " + activeResources + " (release them)");
        }
        if (openInvoices > 0) {
            lines.add(zh ? "尚未开具的发票申请：" + openInvoices + " 张（请等待开具或撤回申请）"
                    : "Open invoice requests: " + openInvoices + " (wait until issued or withdraw them)");
        }
        return lines;
    }

    /** For staff: each blocker in Chinese and English side by side ("未支付的账单：1 笔（请先付清） / Unpaid bills: 1 (pay them)"). */
    public List<String> describeForStaff() {
        List<String> zh = describe("zh-CN");
        List<String> en = describe("en");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < en.size(); i++) {
            lines.add(zh.get(i) + " / " + en.get(i));
        }
        return lines;
    }
}

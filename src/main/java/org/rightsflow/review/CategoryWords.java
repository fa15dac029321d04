package org.rightsflow.review;

import java.util.List;
import java.util.Map;

/** Plain words for the data categories (docs/data-map.md), as a requester reads them in a partial-refusal notice. */
public final class CategoryWords {

    private static final Map<String, String[]> WORDS = Map.of(
            "ACCOUNT", new String[] {"账号信息（注册和登录绑定）", "account data (registration and login bindings)"},
            "REAL_NAME", new String[] {"实名认证信息", "real-name verification data"},
            "SECURITY", new String[] {"安全设置（安全手机和邮箱）", "security settings (security phone and email)"},
            "PAYMENTS", new String[] {"支付信息（汇款、充值、银行信息）", "payment data (remittances, top-ups, bank details)"},
            "BILLING", new String[] {"消费账单", "consumption bills"},
            "INVOICES", new String[] {"发票信息", "invoice data"},
            "OPERATION_LOGS", new String[] {"操作日志", "operation logs"},
            "CONTRACTS", new String[] {"合同", "contracts"},
            "SUPPORT", new String[] {"工单、通话录音和上传内容", "support tickets, call recordings and uploaded content"},
            "CONSENTS", new String[] {"同意和偏好设置", "consent and preference settings"});

    private CategoryWords() {
    }

    /** Plain words for known codes; an unknown code is shown as it is rather than dropped. */
    public static List<String> describe(List<String> codes, String language) {
        int index = language != null && language.startsWith("zh") ? 0 : 1;
        return codes.stream().map(c -> WORDS.containsKey(c) ? WORDS.get(c)[index] : c).toList();
    }
}

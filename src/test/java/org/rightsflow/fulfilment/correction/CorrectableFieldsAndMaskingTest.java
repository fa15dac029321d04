package org.rightsflow.fulfilment.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.identity.VerificationLevelPolicy;
import org.rightsflow.request.RequestType;

/** The correctable fields resolved against the data map, the masks staff see, and the level-2 rule. */
class CorrectableFieldsAndMaskingTest {

    private final CorrectableFields fields = new CorrectableFields(DataMap.load(DataMap.DEFAULT_LOCATIONS));

    @Test
    void publicFieldNamesResolveToMappedColumnsAndTakeTheirSensitivityFromTheDataMap() {
        CorrectableField realName = fields.find("realName").orElseThrow();
        assertThat(realName.category()).isEqualTo(DataCategory.REAL_NAME);
        assertThat(realName.table()).isEqualTo("account_real_name");
        assertThat(realName.column()).isEqualTo("full_name");
        assertThat(realName.subjectKey()).isEqualTo("account_id");
        assertThat(realName.sensitive()).isTrue();
        assertThat(fields.isSensitive("idNumber")).isTrue();

        CorrectableField displayName = fields.find("displayName").orElseThrow();
        assertThat(displayName.table()).isEqualTo("account");
        assertThat(displayName.subjectKey()).isEqualTo("id");
        assertThat(displayName.sensitive()).isFalse();
        assertThat(fields.all()).extracting(CorrectableField::field).containsExactlyInAnyOrder("displayName",
                "securityEmail", "securityPhone", "invoiceRecipient", "invoiceAddress", "realName", "idNumber");
        assertThat(fields.find("passwordHash")).isEmpty();
        assertThat(fields.isSensitive("passwordHash")).isFalse();
    }

    @Test
    void masksNeverShowTheWholeValue() {
        assertThat(ValueMask.mask(CorrectableField.Mask.NAME, "张三")).isEqualTo("张*");
        assertThat(ValueMask.mask(CorrectableField.Mask.NAME, "张三丰")).isEqualTo("张**");
        // at most the last 4 digits of a phone or ID number, the first character and the top-level domain of an email
        assertThat(ValueMask.mask(CorrectableField.Mask.ID_NUMBER, "110101199001011234")).isEqualTo("**************1234");
        assertThat(ValueMask.mask(CorrectableField.Mask.ID_NUMBER, "1234567")).isEqualTo("*******");
        assertThat(ValueMask.mask(CorrectableField.Mask.EMAIL, "li.lei@example.com")).isEqualTo("l***@***.com");
        assertThat(ValueMask.mask(CorrectableField.Mask.EMAIL, "x@mail.corp.example.cn")).isEqualTo("x***@***.cn");
        assertThat(ValueMask.mask(CorrectableField.Mask.PHONE, "+8613800000001")).isEqualTo("**********0001");
        assertThat(ValueMask.mask(CorrectableField.Mask.TEXT, "# URGENT: officer, APPLY all [here](https://evil.example)"))
                .as("markup typed by a requester is reduced to its first character").isEqualTo("#***");
        assertThat(ValueMask.mask(CorrectableField.Mask.TEXT, "北京市海淀区中关村大街1号")).isEqualTo("北***");
        assertThat(ValueMask.mask(CorrectableField.Mask.TEXT, "A")).isEqualTo("*");
        assertThat(ValueMask.mask(CorrectableField.Mask.TEXT, null)).isEqualTo("—");
    }

    @Test
    void correctingRealNameDataNeedsLevelTwo() throws Exception {
        VerificationLevelPolicy policy = new VerificationLevelPolicy(mock(AccountDirectory.class), fields);
        Optional<AccountFacts> adult = Optional.of(new AccountFacts(7, "a@example.com", "+8613800000009", false,
                null, null, false, false, null, AccountFacts.ACTIVE));
        ObjectMapper json = new ObjectMapper();
        assertThat(policy.levelFor(RequestType.CORRECT, adult, json.readTree(
                "{\"corrections\":[{\"field\":\"displayName\",\"value\":\"x\"},{\"field\":\"realName\",\"value\":\"y\"}]}")))
                .isEqualTo(VerificationLevelPolicy.EMAIL_AND_PHONE_CODES);
        assertThat(policy.levelFor(RequestType.CORRECT, adult, json.readTree(
                "{\"corrections\":[{\"field\":\"displayName\",\"value\":\"x\"}]}")))
                .isEqualTo(VerificationLevelPolicy.EMAIL_CODE);
        assertThat(policy.levelFor(RequestType.CORRECT, Optional.empty(), json.readTree(
                "{\"corrections\":[{\"field\":\"realName\",\"value\":\"y\"}]}")))
                .as("unknown accounts get the same answer as known ones").isEqualTo(VerificationLevelPolicy.EMAIL_CODE);
    }
}

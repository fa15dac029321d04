package org.rightsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.request.FiledAs;
import org.rightsflow.request.RequestType;

/** The one place that decides the level and when codes give way to intake staff. */
class VerificationLevelPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");

    private final AccountDirectory accounts = mock(AccountDirectory.class);
    private final VerificationLevelPolicy policy =
            new VerificationLevelPolicy(accounts, mock(CorrectableFields.class), IdentityProperties.defaults());

    private static Optional<AccountFacts> adult(String phone, Instant contactChangedAt) {
        return Optional.of(new AccountFacts(7, "a@example.com", phone, false, null, null, false, false,
                contactChangedAt, AccountFacts.ACTIVE));
    }

    private static Optional<AccountFacts> minor(String guardianPhone) {
        return Optional.of(new AccountFacts(8, "kid@example.com", "+8613800000008", true, "parent@example.com",
                guardianPhone, false, false, null, AccountFacts.ACTIVE));
    }

    private Optional<ManualVerificationReason> reason(RequestType type, Optional<AccountFacts> account, boolean staff) {
        return policy.manualVerificationReason(type, account, policy.levelFor(type, account), staff, NOW);
    }

    @Test
    void levels() {
        when(accounts.sensitiveCategoriesHeld(7)).thenReturn(Set.of(DataCategory.REAL_NAME));
        assertThat(policy.levelFor(RequestType.ACCESS, adult("+8613800000007", null))).isEqualTo(1);
        assertThat(policy.levelFor(RequestType.COPY, adult("+8613800000007", null))).isEqualTo(2);
        assertThat(policy.levelFor(RequestType.ACCESS, minor("+8613800000009"))).isEqualTo(2);
        assertThat(policy.levelFor(RequestType.CANCEL_ACCOUNT, Optional.empty())).isEqualTo(2);
        assertThat(policy.levelFor(RequestType.COPY, Optional.empty())).isEqualTo(1);
    }

    /** A holder of 16: acts alone or through the guardian on file. */
    private static Optional<AccountFacts> minorOf16(String guardianPhone) {
        return Optional.of(new AccountFacts(9, "teen@example.com", "+8613800000010", false, "parent@example.com",
                guardianPhone, false, false, null, AccountFacts.ACTIVE, true));
    }

    @Test
    void aGuardiansFilingNeedsTheGuardiansPhoneCodeToo() {
        assertThat(policy.levelFor(RequestType.ACCESS, minorOf16("+8613800000011"), null, FiledAs.GUARDIAN)).isEqualTo(2);
        assertThat(policy.levelFor(RequestType.ACCESS, minorOf16("+8613800000011"), null, FiledAs.ACCOUNT_HOLDER)).isEqualTo(1);
        assertThat(policy.levelFor(RequestType.ACCESS, Optional.empty(), null, FiledAs.GUARDIAN))
                .as("the same level whether or not the account exists").isEqualTo(2);
        assertThat(policy.manualVerificationReason(RequestType.ACCESS, minorOf16(null), 2, false, NOW, FiledAs.GUARDIAN))
                .as("the guardian's phone is the one that counts").contains(ManualVerificationReason.NO_PHONE_ON_FILE);
        assertThat(policy.manualVerificationReason(RequestType.ACCESS, minorOf16("+8613800000011"), 2, false, NOW,
                FiledAs.GUARDIAN)).isEmpty();
    }

    @Test
    void aRecentContactChangeBlocksCodesForRightsThatHandOutDataOrEndTheAccount() {
        Optional<AccountFacts> changed = adult("+8613800000007", NOW.minus(Duration.ofDays(6)));
        for (RequestType type : Set.of(RequestType.COPY, RequestType.TRANSFER, RequestType.CANCEL_ACCOUNT)) {
            assertThat(reason(type, changed, false)).as(type.name()).contains(ManualVerificationReason.CONTACT_RECENTLY_CHANGED);
        }
        for (RequestType type : Set.of(RequestType.ACCESS, RequestType.DELETE, RequestType.WITHDRAW_CONSENT)) {
            assertThat(reason(type, changed, false)).as(type.name()).isEmpty();
        }
        assertThat(reason(RequestType.COPY, adult("+8613800000007", NOW.minus(Duration.ofDays(7)).minusSeconds(1)), false))
                .as("older than 7 days").isEmpty();
    }

    @Test
    void staffEnteredRequestsAndMissingPhonesGoToIntakeStaff() {
        assertThat(reason(RequestType.ACCESS, adult("+8613800000007", null), true)).contains(ManualVerificationReason.STAFF_ENTERED);
        assertThat(reason(RequestType.ACCESS, Optional.empty(), true)).contains(ManualVerificationReason.STAFF_ENTERED);
        assertThat(reason(RequestType.CANCEL_ACCOUNT, adult(null, null), false)).contains(ManualVerificationReason.NO_PHONE_ON_FILE);
        assertThat(reason(RequestType.ACCESS, minor(" "), false)).contains(ManualVerificationReason.NO_PHONE_ON_FILE);
        assertThat(reason(RequestType.ACCESS, adult(null, null), false)).as("level 1 needs no phone").isEmpty();
    }

    @Test
    void unknownAccountsAreNeverHandedToStaffByThemselves() {
        assertThat(reason(RequestType.CANCEL_ACCOUNT, Optional.empty(), false)).isEmpty();
        assertThat(reason(RequestType.COPY, Optional.empty(), false)).isEmpty();
    }
}

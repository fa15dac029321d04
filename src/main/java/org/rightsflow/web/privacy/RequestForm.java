package org.rightsflow.web.privacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.rightsflow.request.RequestDetailsValidator;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What a requester typed into a request form, bound by Spring from the posted fields ({@code @ModelAttribute}) and
 * kept to fill the form again after a problem. The rules every form has are constraints in the default group; the
 * rules of one right are in that right's group ({@link RequestFormCheck} chooses the groups by the form's right and
 * checks the correction rows against the data map). Each constraint reports one problem per field, the first thing
 * to fix, by its key in the message bundles ({@link FieldProblems}).
 */
public class RequestForm {

    static final int MAX_EMAIL = 254;
    static final int MAX_RECIPIENT_NAME = 200;
    static final int CORRECTION_ROWS = 3;

    /** The rules of a TRANSFER form. */
    interface Transfer {
    }

    /** The rules of a WITHDRAW_CONSENT form. */
    interface WithdrawConsent {
    }

    /** The rules of a RESTRICT form that lifts an earlier restriction. */
    interface LiftRestriction {
    }

    /** The rules of an EXPLAIN form. */
    interface Explain {
    }

    /**
     * The form's inputs in the order the page shows them: only these are bound, and problems are listed in this order.
     */
    static final List<String> INPUTS = List.of("accountEmail", "filedAs", "relativeContactEmail", "recipientName",
            "recipientEmail", "ground", "categories", "field0", "value0", "field1", "value1", "field2", "value2",
            "purposes", "restrictAction", "until", "liftReference", "question", "topics");

    /** The label (its message key) that names an input in the problems its constraints find. */
    static final Map<String, String> LABELS = Map.of("accountEmail", "form.accountEmail",
            "recipientName", "form.transfer.recipientName", "recipientEmail", "form.transfer.recipientEmail",
            "purposes", "form.withdraw.purposes", "until", "form.restrict.until",
            "liftReference", "form.restrict.liftReference", "question", "form.explain.question");

    @RequiredEmail(max = MAX_EMAIL)
    private String accountEmail = "";
    /** Who is filing: the account holder (the default), the guardian of the minor who holds it, or a close relative. */
    private String filedAs = "ACCOUNT_HOLDER";
    /** A close relative's own address for the answers (they have no contact on file). */
    private String relativeContactEmail = "";
    @RequiredText(max = MAX_RECIPIENT_NAME, groups = Transfer.class)
    private String recipientName = "";
    @RequiredEmail(max = MAX_EMAIL, groups = Transfer.class)
    private String recipientEmail = "";
    /** Nothing is chosen until the requester chooses: stating a ground is optional, and no answer is preset. */
    private String ground;
    private List<String> categories = List.of();
    @NotEmpty(message = "problem.purposes", groups = WithdrawConsent.class)
    private List<String> purposes = List.of();
    /** RESTRICT: "restrict" (the default) or "lift" an earlier restriction by its reference. */
    private String restrictAction = "restrict";
    /** A date input: what cannot be read as a date is a problem of its own (binding, not a constraint). */
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate until;
    @NotBlank(message = "problem.required", groups = LiftRestriction.class)
    private String liftReference = "";
    @RequiredText(max = RequestDetailsValidator.MAX_QUESTION_LENGTH, groups = Explain.class)
    private String question = "";
    private List<String> topics = List.of();
    private final List<String> fields = blanks();
    private final List<String> correctedValues = blanks();

    /** The element a problem with the input links to: the first box of a group of boxes, else the input itself. */
    static String anchor(String input) {
        return "purposes".equals(input) ? "purpose-" + PrivacyCenterController.PURPOSES.get(0) : input;
    }

    private static List<String> blanks() {
        return new ArrayList<>(Collections.nCopies(CORRECTION_ROWS, ""));
    }

    public String getAccountEmail() {
        return accountEmail;
    }

    public void setAccountEmail(String accountEmail) {
        this.accountEmail = accountEmail;
    }

    public String getFiledAs() {
        return filedAs;
    }

    /** Anything but the two other choices is the account holder. */
    public void setFiledAs(String filedAs) {
        this.filedAs = "GUARDIAN".equals(filedAs) || "CLOSE_RELATIVE_OF_DECEASED".equals(filedAs) ? filedAs
                : "ACCOUNT_HOLDER";
    }

    public String getRelativeContactEmail() {
        return relativeContactEmail;
    }

    public void setRelativeContactEmail(String relativeContactEmail) {
        this.relativeContactEmail = relativeContactEmail.trim();
    }

    public String getRecipientName() {
        return recipientName;
    }

    public void setRecipientName(String recipientName) {
        this.recipientName = recipientName;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public void setRecipientEmail(String recipientEmail) {
        this.recipientEmail = recipientEmail.trim();
    }

    public String getGround() {
        return ground;
    }

    public void setGround(String ground) {
        this.ground = ground;
    }

    public List<String> getCategories() {
        return categories;
    }

    public void setCategories(List<String> categories) {
        this.categories = List.copyOf(categories);
    }

    public List<String> getPurposes() {
        return purposes;
    }

    public void setPurposes(List<String> purposes) {
        this.purposes = List.copyOf(purposes);
    }

    public String getRestrictAction() {
        return restrictAction;
    }

    public void setRestrictAction(String restrictAction) {
        this.restrictAction = "lift".equals(restrictAction) ? "lift" : "restrict";
    }

    public boolean lifts() {
        return "lift".equals(restrictAction);
    }

    public LocalDate getUntil() {
        return until;
    }

    public void setUntil(LocalDate until) {
        this.until = until;
    }

    public String getLiftReference() {
        return liftReference;
    }

    public void setLiftReference(String liftReference) {
        this.liftReference = liftReference;
    }

    public String getQuestion() {
        return question;
    }

    /** A browser sends a text area's line breaks as CR LF: kept (and counted) as LF. */
    public void setQuestion(String question) {
        this.question = question.replace("\r\n", "\n");
    }

    public List<String> getTopics() {
        return topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The details chosen in the correction rows, one per row ("" where none is). */
    public List<String> getFields() {
        return fields;
    }

    /** The values typed in the correction rows. */
    public List<String> getCorrectedValues() {
        return correctedValues;
    }

    // The correction rows' inputs are named field0/value0 … field2/value2 on the page.

    public String getField0() {
        return fields.get(0);
    }

    public void setField0(String field) {
        fields.set(0, field);
    }

    public String getValue0() {
        return correctedValues.get(0);
    }

    public void setValue0(String value) {
        correctedValues.set(0, value);
    }

    public String getField1() {
        return fields.get(1);
    }

    public void setField1(String field) {
        fields.set(1, field);
    }

    public String getValue1() {
        return correctedValues.get(1);
    }

    public void setValue1(String value) {
        correctedValues.set(1, value);
    }

    public String getField2() {
        return fields.get(2);
    }

    public void setField2(String field) {
        fields.set(2, field);
    }

    public String getValue2() {
        return correctedValues.get(2);
    }

    public void setValue2(String value) {
        correctedValues.set(2, value);
    }
}

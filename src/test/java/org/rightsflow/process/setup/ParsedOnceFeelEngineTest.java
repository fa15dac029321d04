package org.rightsflow.process.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Text;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;

/**
 * Differential: {@link ParsedOnceFeelEngine} against Camunda's own {@link ScalaFeelEngine}, text for text and value
 * for value — every text of the exemption triage table, read from the model, over a matrix of values, a set of
 * general FEEL expressions, failures (the same exception, the same message), and the whole table through two DMN
 * engines. Each text is evaluated more than once by the new engine, so the cached parse and the shared builtin
 * functions are what is compared, not only the first evaluation.
 */
class ParsedOnceFeelEngineTest {

    /** The name Camunda's decision engine gives the value an input entry tests. */
    private static final String CELL_INPUT = "cellInput";

    private final FeelEngine camundas = new ScalaFeelEngine(null);
    private final ParsedOnceFeelEngine parsedOnce = new ParsedOnceFeelEngine(null);

    /** What an evaluation gave: a value, or an exception's class and message. */
    private record Outcome(Object value, String exception, String message) {
        static Outcome of(Supplier<?> evaluation) {
            try {
                return new Outcome(evaluation.get(), null, null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName(), e.getMessage());
            }
        }
    }

    /** Every request type, and none. */
    private static final List<String> REQUEST_TYPES = Arrays.asList(VariableNames.TYPE_ACCESS, VariableNames.TYPE_COPY,
            VariableNames.TYPE_CORRECT, VariableNames.TYPE_DELETE, VariableNames.TYPE_TRANSFER,
            VariableNames.TYPE_WITHDRAW_CONSENT, VariableNames.TYPE_CANCEL_ACCOUNT, null);

    /** Values the table's inputs and entries are evaluated against: each type, the thresholds, null, lists. */
    private static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, true, false, 0, 1, 2, 3, 4, -1, 2L, 3L, 2.5, 3.0,
                "", "other", "delete", List.of(), List.of("DELETE"), List.of("COPY", "TRANSFER"), List.of(3, 4),
                Map.of("requestType", "COPY")));
        values.addAll(REQUEST_TYPES);
        return values;
    }

    private record TableTexts(Set<String> inputExpressions, Set<String> inputEntries, Set<String> outputEntries) {
    }

    private static TableTexts triageTexts() {
        DmnModelInstance model;
        try (InputStream in = ParsedOnceFeelEngineTest.class.getClassLoader()
                .getResourceAsStream(RightsRequestModel.DECISION_RESOURCE)) {
            model = Dmn.readModelFromStream(Objects.requireNonNull(in, RightsRequestModel.DECISION_RESOURCE));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new TableTexts(texts(model.getModelElementsByType(InputExpression.class).stream()
                        .map(InputExpression::getText).toList()),
                texts(model.getModelElementsByType(InputEntry.class).stream().map(InputEntry::getText).toList()),
                texts(model.getModelElementsByType(OutputEntry.class).stream().map(OutputEntry::getText).toList()));
    }

    /** The distinct non-empty texts (an empty input entry is not evaluated; an empty output entry neither). */
    private static Set<String> texts(Collection<Text> texts) {
        Set<String> distinct = new LinkedHashSet<>();
        for (Text text : texts) {
            if (text != null && text.getTextContent() != null && !text.getTextContent().isBlank()) {
                distinct.add(text.getTextContent());
            }
        }
        return distinct;
    }

    private static VariableContext variables(Map<String, Object> values) {
        return Variables.fromMap(values).asVariableContext();
    }

    private void assertSameExpression(String text, VariableContext context) {
        Outcome expected = Outcome.of(() -> camundas.evaluateSimpleExpression(text, context));
        for (int time = 0; time < 2; time++) {
            assertThat(Outcome.of(() -> parsedOnce.evaluateSimpleExpression(text, context)))
                    .as("expression %s with %s", text, context).isEqualTo(expected);
        }
    }

    private void assertSameUnaryTests(String text, VariableContext context) {
        Outcome expected = Outcome.of(() -> camundas.evaluateSimpleUnaryTests(text, CELL_INPUT, context));
        for (int time = 0; time < 2; time++) {
            assertThat(Outcome.of(() -> parsedOnce.evaluateSimpleUnaryTests(text, CELL_INPUT, context)))
                    .as("unary tests %s with %s", text, context).isEqualTo(expected);
        }
    }

    @Test
    void everyTextOfTheTriageTableGivesWhatCamundasEngineGives() {
        TableTexts texts = triageTexts();
        assertThat(texts.inputExpressions()).as("read from the model").contains("requestType", "repeatCount");
        assertThat(texts.inputEntries()).contains("true", ">= 3", "\"COPY\",\"TRANSFER\"");
        assertThat(texts.outputEntries()).contains("\"LEGAL_OBLIGATION\"", "\"\"", "false");
        for (Object value : values()) {
            // every input variable has the value, and the cell's input is the value (as the decision engine sets it)
            Map<String, Object> facts = new HashMap<>();
            for (String input : texts.inputExpressions()) {
                facts.put(input, value);
            }
            facts.put(CELL_INPUT, value);
            VariableContext context = variables(facts);
            texts.inputExpressions().forEach(text -> assertSameExpression(text, context));
            texts.inputEntries().forEach(text -> assertSameUnaryTests(text, context));
            texts.outputEntries().forEach(text -> assertSameExpression(text, context));
        }
        // no variables at all: the input expressions name variables that are not there
        texts.inputExpressions().forEach(text -> assertSameExpression(text, variables(Map.of())));
        texts.inputEntries().forEach(text -> assertSameUnaryTests(text, variables(Map.of())));
        assertThat(parsedOnce.cachedTexts()).as("each text parsed once and kept")
                .containsExactly(texts.inputExpressions().size() + texts.outputEntries().size(),
                        texts.inputEntries().size());
    }

    @Test
    void generalExpressionsGiveWhatCamundasEngineGives() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("count", 3);
        facts.put("type", "COPY");
        facts.put("nothing", null);
        facts.put("flag", true);
        facts.put("types", List.of("COPY", "TRANSFER"));
        facts.put("received", java.time.LocalDate.of(2026, 12, 8));
        facts.put("when", java.util.Date.from(java.time.Instant.parse("2026-12-08T01:02:03Z")));
        VariableContext context = variables(facts);
        for (String text : List.of(
                // dates and the clock (values that do not move between the two evaluations)
                "date(\"2026-12-08\") + duration(\"P1D\")", "date and time(\"2026-12-08T10:00:00@Asia/Shanghai\").year",
                "received + duration(\"P30D\")", "years and months duration(date(\"2020-02-29\"), received)",
                "today() >= date(\"2020-01-01\")", "now() > date and time(\"2020-01-01T00:00:00Z\")",
                "date(now()) = today()", "day of week(date(\"2026-12-08\"))", "when", "time(\"10:15:00\")",
                // strings
                "string length(\"rightsflow\")", "upper case(type)", "substring(\"rightsflow\", 1, 6)",
                "contains(type, \"OP\")", "matches(type, \"^[A-Z]+$\")", "type + \"-\" + string(count)",
                "starts with(type, \"C\")", "split(\"a,b,c\", \",\")",
                // numbers and lists
                "count * 2.5", "count / 0", "decimal(1 / 3, 4)", "[1, 2, 3][item > 1]", "count(types)",
                "sum([1, 2, 3])", "for x in [1, 2] return x * 2", "some t in types satisfies t = \"COPY\"",
                "every t in types satisfies t = \"COPY\"", "list contains(types, type)", "types[1]", "types[-1]",
                "index of(types, \"TRANSFER\")", "distinct values([1, 1, 2])", "sort([3, 1, 2], function(x, y) x < y)",
                // contexts and ranges
                "{a: 1, b: {c: \"x\"}}.b.c", "{a: 1, b: [2, 3]}", "get value({a: 1}, \"a\")", "context put({}, \"k\", 1)",
                "count in [1..10]", "count in (3..10]", "5 in [1..count]", "before(1, 10)",
                // booleans, not() and null
                "not(flag)", "not(nothing)", "not(count > 2)", "flag and nothing", "flag or nothing",
                "nothing = null", "nothing < 1", "null = null", "count = null", "nothing.a", "missing", "missing > 1",
                "if nothing = null then \"none\" else \"some\"", "get or else(nothing, \"fallback\")",
                // failures: the same exception and message
                "1 +", "unknown function(1)", "assert(count, count > 10)", "assert(count, count > 10, \"too few\")",
                "date(\"not a date\")", "\"a\" < 1", "{a: 1}.a.b.c")) {
            assertSameExpression(text, context);
        }
        for (String text : List.of("\"COPY\",\"TRANSFER\"", "not(\"DELETE\")", "[1..5]", "< count", "> 2", "-",
                "null", "? > 2", "contains(?, \"O\")", "count", "[\"COPY\", \"TRANSFER\"]", "not(null)", ">= 3, < 1",
                "(", "unknown(?)")) {
            for (Object cell : List.of(3, "COPY", List.of("COPY"))) {
                Map<String, Object> withCell = new HashMap<>(facts);
                withCell.put(CELL_INPUT, cell);
                assertSameUnaryTests(text, variables(withCell));
            }
            Map<String, Object> nullCell = new HashMap<>(facts);
            nullCell.put(CELL_INPUT, null);
            assertSameUnaryTests(text, variables(nullCell));
        }
        Object now = parsedOnce.evaluateSimpleExpression("now()", context);
        assertThat(now).as("the clock is read when now() is called, not when the engine was built")
                .isInstanceOf(ZonedDateTime.class);
        assertThat((ZonedDateTime) now).isAfterOrEqualTo((ZonedDateTime) camundas.evaluateSimpleExpression(
                "now() - duration(\"PT1M\")", context));
    }

    @Test
    void aBadExpressionFailsAsInCamundasEngineWithTheTextInTheMessage() {
        VariableContext context = variables(Map.of("count", 3));
        for (String text : List.of("count >", "assert(count, count > 10)")) {
            FeelException camundasFailure = failure(() -> camundas.evaluateSimpleExpression(text, context));
            FeelException failure = failure(() -> parsedOnce.evaluateSimpleExpression(text, context));
            assertThat(failure.getMessage()).isEqualTo(camundasFailure.getMessage()).contains(text);
        }
        // an assertion's failure belongs to its evaluation: the next one of the same text succeeds
        assertThat((Object) parsedOnce.evaluateSimpleExpression("assert(count, count > 10)",
                variables(Map.of("count", 11)))).isEqualTo(11L);
    }

    private static FeelException failure(Runnable evaluation) {
        try {
            evaluation.run();
        } catch (FeelException e) {
            return e;
        }
        throw new AssertionError("no FeelException");
    }

    @Test
    void theTriageTableDecidesAsWithCamundasEngine() {
        DmnEngine camundasDmn = dmnEngine(null);
        DmnEngine parsedOnceDmn = dmnEngine(new DecisionFeelEngine.Factory(
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration()));
        DmnDecision camundasDecision = decision(camundasDmn);
        DmnDecision parsedOnceDecision = decision(parsedOnceDmn);
        List<String> flags = List.of(VariableNames.LEGAL_HOLD, VariableNames.OPEN_INVESTIGATION,
                VariableNames.MINOR_ACCOUNT, VariableNames.SENSITIVE_CATEGORIES, VariableNames.DELETION_GROUND_MISSING,
                VariableNames.ENTERED_BY_STAFF);
        int evaluations = 0;
        for (String type : REQUEST_TYPES) {
            for (int raised = -1; raised < flags.size(); raised++) {
                for (Integer repeats : Arrays.asList(null, 2, 3)) {
                    Map<String, Object> facts = new HashMap<>();
                    facts.put(VariableNames.REQUEST_TYPE, type);
                    for (int flag = 0; flag < flags.size(); flag++) {
                        facts.put(flags.get(flag), flag == raised);
                    }
                    facts.put(VariableNames.REPEAT_COUNT, repeats);
                    DmnDecisionTableResult expected = camundasDmn.evaluateDecisionTable(camundasDecision, facts);
                    DmnDecisionTableResult result = parsedOnceDmn.evaluateDecisionTable(parsedOnceDecision, facts);
                    assertThat(result.getResultList()).as("%s", facts).isEqualTo(expected.getResultList());
                    evaluations++;
                }
            }
        }
        assertThat(evaluations).isEqualTo(REQUEST_TYPES.size() * 7 * 3);
    }

    private static DmnEngine dmnEngine(DecisionFeelEngine.Factory factory) {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (factory != null) {
            configuration.setFeelEngineFactory(factory);
        }
        DmnEngine engine = configuration.buildEngine();
        assertThat(configuration.getFeelEngine()).isInstanceOf(
                factory != null ? ParsedOnceFeelEngine.class : ScalaFeelEngine.class);
        return engine;
    }

    private static DmnDecision decision(DmnEngine engine) {
        try (InputStream in = ParsedOnceFeelEngineTest.class.getClassLoader()
                .getResourceAsStream(RightsRequestModel.DECISION_RESOURCE)) {
            return engine.parseDecision(RightsRequestModel.DECISION_EXEMPTION_TRIAGE, in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Several threads on one engine, the texts new to it: each evaluation gives what it gives on one thread. */
    @Test
    void oneEngineServesSeveralThreads() throws Exception {
        ParsedOnceFeelEngine shared = new ParsedOnceFeelEngine(null);
        List<String> texts = List.of("count * 2", "type + \"!\"", "count in [1..5]", "upper case(type)",
                "not(count > 2)", "string length(type) + count");
        List<String> types = REQUEST_TYPES.subList(0, REQUEST_TYPES.size() - 1);
        record Case(String text, Map<String, Object> facts, Object expected, boolean copyOrTransfer) {
        }
        int threads = 4;
        int rounds = 200;
        List<List<Case>> cases = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            List<Case> own = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Map<String, Object> facts = Map.of("count", (round + thread) % 7,
                        "type", types.get((round + thread) % types.size()));
                String text = texts.get((round + thread) % texts.size());
                own.add(new Case(text, facts, camundas.evaluateSimpleExpression(text, variables(facts)),
                        camundas.evaluateSimpleUnaryTests("\"COPY\",\"TRANSFER\"", CELL_INPUT,
                                variables(Map.of(CELL_INPUT, facts.get("type"))))));
            }
            cases.add(own);
        }
        assertThat(cases.get(0)).extracting(Case::copyOrTransfer).contains(true, false);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (List<Case> own : cases) {
                Callable<Integer> work = () -> {
                    start.await();
                    int checked = 0;
                    for (Case c : own) {
                        assertThat((Object) shared.evaluateSimpleExpression(c.text(), variables(c.facts())))
                                .as("%s with %s", c.text(), c.facts()).isEqualTo(c.expected());
                        assertThat(shared.evaluateSimpleUnaryTests("\"COPY\",\"TRANSFER\"", CELL_INPUT,
                                variables(Map.of(CELL_INPUT, c.facts().get("type"))))).isEqualTo(c.copyOrTransfer());
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.cachedTexts()).containsExactly(texts.size(), 1);
    }
}

package org.rightsflow.process.setup;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import camundajar.impl.scala.util.control.NonFatal;
import camundajar.impl.scala.runtime.BoxesRunTime;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine for decisions ({@link ScalaFeelEngine}: the same value mappers, Spin included, the same
 * custom functions, the same variable contexts, the same results and errors), without the two costs the Scala engine
 * pays on every single evaluation (every input expression, every non-empty input entry, every output entry):
 * <ul>
 *   <li>parsing the expression's text again: each text is parsed once and its parsed expression kept (at most
 *       {@link #CACHE_CAPACITY} texts of each kind; a full cache is emptied and fills again);</li>
 *   <li>building the root context's table of builtin functions again ({@code FeelEngine.rootContext()} is a method,
 *       not a value): the functions are built once. They keep no state (the temporal ones ask the engine's clock when
 *       they are called), and the root context is still made afresh for each evaluation, because it carries the
 *       evaluation's own collector of failures.</li>
 * </ul>
 * Together they were about a sixth of the job executor's CPU on an access request's life cycle (the exemption
 * triage runs once per request). The evaluation itself is the FEEL engine's own (its private {@code eval}, reached
 * through a method handle), so failures read exactly as before, with the expression in the message. The differential
 * test {@code ParsedOnceFeelEngineTest} compares this engine with Camunda's on every text of the decision tables.
 */
public class ParsedOnceFeelEngine extends ScalaFeelEngine {

    /** Distinct texts kept per kind (expressions, unary tests): the deployed decisions have a few dozen. */
    static final int CACHE_CAPACITY = 1000;

    /** {@code FeelEngine.eval(ParsedExpression, EvalContext)}: evaluates with a given root context. */
    private static final MethodHandle EVAL = evalHandle();

    private final TextCache expressions = new TextCache();
    private final TextCache unaryTests = new TextCache();

    /** The builtin functions, then the custom ones: what {@code FeelEngine.rootContext()} builds on every call. */
    private final FunctionProvider rootFunctions;

    public ParsedOnceFeelEngine(List<FeelCustomFunctionProvider> customFunctionProviders) {
        super(customFunctionProviders);
        this.rootFunctions = new FunctionProvider.CompositeFunctionProvider(this.<FunctionProvider>toScalaList(
                new BuiltinFunctions(feelEngine.clock(), feelEngine.valueMapper()), feelEngine.functionProvider()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
        // the context ScalaFeelEngine builds
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variableContext);
            }
        };
        return (T) valueOf(expressions.parsed(expression, feelEngine::parseExpression), context);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
        // the context ScalaFeelEngine builds: the name of the input variable, then the variables
        VariableProvider.StaticVariableProvider inputVariableContext =
                new VariableProvider.StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
        ContextVariableWrapper contextVariableWrapper = new ContextVariableWrapper(variableContext);
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new VariableProvider.CompositeVariableProvider(
                        toScalaList(inputVariableContext, contextVariableWrapper));
            }
        };
        // FeelEngine.evalUnaryTests casts the result to a boolean (null is false, another value a ClassCastException)
        return BoxesRunTime.unboxToBoolean(valueOf(unaryTests.parsed(expression, feelEngine::parseUnaryTests), context));
    }

    /** The value, or Camunda's FeelException with the FEEL engine's message (ScalaFeelEngine's handling). */
    private Object valueOf(Either<FeelEngine.Failure, ParsedExpression> parsed, Context context) {
        Either<FeelEngine.Failure, Object> result = parsed.isRight()
                ? evaluate(((Right<FeelEngine.Failure, ParsedExpression>) parsed).value(), context)
                : new Left<>(((Left<FeelEngine.Failure, ParsedExpression>) parsed).value());
        if (result.isRight()) {
            return ((Right<FeelEngine.Failure, Object>) result).value();
        }
        throw LOGGER.evaluationException(((Left<FeelEngine.Failure, Object>) result).value().message());
    }

    /**
     * {@code FeelEngine.evaluate(ParsedExpression, Context)} with the built root functions: the engine validates the
     * parsed expression again there, which the parse already did (the validation depends on the expression alone).
     */
    private Either<FeelEngine.Failure, Object> evaluate(ParsedExpression parsed, Context context) {
        EvaluationResult result;
        try {
            EvalContext root = EvalContext.create(feelEngine.valueMapper(), rootFunctions);
            result = (EvaluationResult) EVAL.invokeExact(feelEngine, parsed, root.merge(context));
        } catch (Throwable t) {
            if (!NonFatal.apply(t)) {
                throw ParsedOnceFeelEngine.<RuntimeException>rethrow(t);
            }
            // the engine's own recovery, word for word
            result = new FailedEvaluationResult(
                    new FeelEngine.Failure("failed to evaluate expression '" + parsed.text() + "' :" + t),
                    FailedEvaluationResult.apply$default$2());
        }
        return result.toEither();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }

    private static MethodHandle evalHandle() {
        try {
            return MethodHandles.privateLookupIn(FeelEngine.class, MethodHandles.lookup()).findVirtual(FeelEngine.class,
                    "eval", MethodType.methodType(EvaluationResult.class, ParsedExpression.class, EvalContext.class));
        } catch (ReflectiveOperationException e) {
            // a FEEL engine without it (another version): fail at start, not on the first decision
            throw new IllegalStateException("The FEEL engine has no eval(ParsedExpression, EvalContext): "
                    + "ParsedOnceFeelEngine needs a look at this version of org.camunda.feel:feel-engine", e);
        }
    }

    /**
     * Parsed texts, read without a lock. A text that does not parse is not kept: it fails the same way each time.
     * Bounded by emptying it when full (decisions are redeployed rarely; the next evaluations parse again).
     */
    private static final class TextCache {
        private final ConcurrentHashMap<String, Either<FeelEngine.Failure, ParsedExpression>> parsed =
                new ConcurrentHashMap<>();

        Either<FeelEngine.Failure, ParsedExpression> parsed(String text,
                Function<String, Either<FeelEngine.Failure, ParsedExpression>> parser) {
            if (text == null) {
                return parser.apply(null); // the engine's own failure; a concurrent map holds no null key
            }
            Either<FeelEngine.Failure, ParsedExpression> known = parsed.get(text);
            if (known != null) {
                return known;
            }
            Either<FeelEngine.Failure, ParsedExpression> result = parser.apply(text);
            if (result.isRight()) {
                if (parsed.size() >= CACHE_CAPACITY) {
                    parsed.clear();
                }
                parsed.put(text, result);
            }
            return result;
        }

        int size() {
            return parsed.size();
        }
    }

    /** How many texts are kept, for the tests: expressions and unary tests. */
    int[] cachedTexts() {
        return new int[] {expressions.size(), unaryTests.size()};
    }
}

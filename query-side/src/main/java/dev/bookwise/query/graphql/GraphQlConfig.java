package dev.bookwise.query.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * GraphQL's limits and its one scalar. A document may nest at most {@value #MAX_DEPTH} fields deep
 * and select at most {@value #MAX_COMPLEXITY} fields in all (each field counts one, a fragment as
 * often as it is spread); more is refused before anything is read, with {@code extensions.code}
 * {@code invalid-request}. An operation of introspection alone (what GraphiQL asks to show the
 * schema) is exempt: the standard introspection query nests 13 deep, and it reads only the schema.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

    static final int MAX_DEPTH = 10;
    static final int MAX_COMPLEXITY = 200;

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return introspectionOnly(parameters.getExecutionContext())
                        ? SimpleInstrumentationContext.noOp()
                        : super.beginExecuteOperation(parameters, state);
            }

            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return refused("the document nests " + depth + " fields deep; at most " + maxDepth + " are allowed");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return introspectionOnly(parameters.getExecutionContext())
                        ? SimpleInstrumentationContext.noOp()
                        : super.beginExecuteOperation(parameters, state);
            }

            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return refused(
                        "the document selects " + complexity + " fields; at most " + maxComplexity + " are allowed");
            }
        };
    }

    /** Every top-level field of the operation is an introspection field ({@code __schema}, {@code __type}, ...). */
    private static boolean introspectionOnly(ExecutionContext execution) {
        var selections = execution.getOperationDefinition().getSelectionSet().getSelections();
        return !selections.isEmpty()
                && selections.stream()
                        .allMatch(selection -> selection instanceof Field field
                                && field.getName().startsWith("__"));
    }

    /** A refusal with the problem code a client can rely on, as every other GraphQL error has. */
    private static AbortExecutionException refused(String message) {
        return new AbortExecutionException(message) {
            @Override
            public Map<String, Object> getExtensions() {
                return Map.of("code", ErrorCode.INVALID_REQUEST.code());
            }
        };
    }

    /**
     * {@code JSON}: a value written as it is (answers, metadata, an event's data). It is only ever
     * an output, so input is refused.
     */
    @Bean
    RuntimeWiringConfigurer jsonScalar(ObjectMapper json) {
        GraphQLScalarType scalar = GraphQLScalarType.newScalar()
                .name("JSON")
                .description("Any JSON value, written as it is")
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        return value instanceof JsonNode node ? json.convertValue(node, Object.class) : value;
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        throw new CoercingParseValueException("JSON is not accepted as input");
                    }

                    @Override
                    public Object parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        throw new CoercingParseLiteralException("JSON is not accepted as input");
                    }
                })
                .build();
        return wiring -> wiring.scalar(scalar);
    }
}

package dev.bookwise.query.graphql;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.Outages;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * A field that fails is an error with the REST problem's code in {@code extensions.code} and a
 * classification from its status; its value is null and the rest of the answer stands. Anything
 * unforeseen is {@code internal-error} with no detail: the stack trace goes to the log only.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        ErrorCode code;
        String message;
        if (ex instanceof BookwiseException problem) {
            code = problem.code();
            message = problem.detail();
        } else if (Outages.isDatabaseUnavailable(ex)) {
            code = ErrorCode.SERVICE_UNAVAILABLE;
            message = "the database is unavailable; retry shortly";
        } else {
            log.error("GraphQL field {} failed", env.getExecutionStepInfo().getPath(), ex);
            code = ErrorCode.INTERNAL_ERROR;
            message = "internal error";
        }
        return GraphqlErrorBuilder.newError(env)
                .errorType(classification(code))
                .message(message)
                .extensions(Map.of("code", code.code()))
                .build();
    }

    private static ErrorType classification(ErrorCode code) {
        return switch (code.status()) {
            case 401 -> ErrorType.UNAUTHORIZED;
            case 403 -> ErrorType.FORBIDDEN;
            case 404 -> ErrorType.NOT_FOUND;
            default -> code.status() < 500 ? ErrorType.BAD_REQUEST : ErrorType.INTERNAL_ERROR;
        };
    }
}

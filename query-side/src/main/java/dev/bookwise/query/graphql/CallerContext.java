package dev.bookwise.query.graphql;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The caller the API key filter recognised, put into the GraphQL context under {@link #CALLER}:
 * /graphql is open without a key (availability and public event types are anonymous), so each
 * resolver applies the REST API's rule for what it reads.
 */
@Component
class CallerContext implements WebGraphQlInterceptor {

    static final String CALLER = "bookwise.caller";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request.getAttributes().get(ApiKeyFilter.CALLER) instanceof Caller caller) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(Map.of(CALLER, caller)).build());
        }
        return chain.next(request);
    }

    /** A read that REST answers only with a key: without one it is {@code unauthenticated}. */
    static Caller required(Caller caller) {
        if (caller == null) {
            throw new BookwiseException(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <key> to read this");
        }
        return caller;
    }
}

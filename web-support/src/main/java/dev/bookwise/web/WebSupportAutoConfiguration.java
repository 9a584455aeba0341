package dev.bookwise.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.AdminKeyProperties;
import dev.bookwise.web.auth.ApiKeyFilter;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.auth.RateLimitProperties;
import dev.bookwise.web.json.StrictJson;
import dev.bookwise.web.problem.TomcatProblems;
import dev.bookwise.web.request.RequestFirewall;
import dev.bookwise.web.request.RequestIdFilter;
import dev.bookwise.web.secrets.SecretBox;
import dev.bookwise.web.secrets.SecretKeyProperties;
import io.micrometer.common.KeyValue;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web layer both applications share, switched on by having this module on the class path:
 * request ids, the request firewall, problems for what Tomcat refuses, strict and bounded JSON,
 * the {@link Caller} argument, and HTTP metrics whose tags come from a fixed set.
 */
@AutoConfiguration
@EnableConfigurationProperties({
    AdminKeyProperties.class,
    RateLimitProperties.class,
    SecretKeyProperties.class,
    WebSupportProperties.class
})
public class WebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestFirewall> requestFirewall(ObjectMapper json, WebSupportProperties properties) {
        FilterRegistrationBean<RequestFirewall> registration = new FilterRegistrationBean<>(
                new RequestFirewall(json, properties.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    SecretBox secretBox(SecretKeyProperties properties, AdminKeyProperties admin) {
        String key = properties.secretKey();
        if (key == null || key.isBlank()) {
            LoggerFactory.getLogger(SecretBox.class)
                    .warn("BOOKWISE_SECRET_KEY is not set: secrets at rest are sealed with a key derived from the"
                            + " admin key; set BOOKWISE_SECRET_KEY to keep them readable when the admin key changes");
            key = "bookwise-secret-box\n" + admin.adminKey();
        }
        return new SecretBox(key, properties.secretKeyPrevious());
    }

    @Bean
    TomcatProblems tomcatProblems() {
        return new TomcatProblems();
    }

    /** Request bodies are read strictly: no numbers for text, no numbers for instants (see {@link StrictJson}). */
    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** Bounds on what a JSON document may make Jackson do, well above anything the API takes. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer boundedJson(WebSupportProperties properties) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength((int) properties.maxBodySize().toBytes())
                .maxNameLength(256)
                .build();
        return builder -> builder.postConfigurer(json -> json.getFactory().setStreamReadConstraints(limits));
    }

    /** An unknown method is one tag value, not a new time series per spelling. */
    @Bean
    DefaultServerRequestObservationConvention boundedMethodTags() {
        return new DefaultServerRequestObservationConvention() {
            @Override
            protected KeyValue method(ServerRequestObservationContext context) {
                String method = context.getCarrier().getMethod();
                return KeyValue.of("method", RequestFirewall.METHODS.contains(method) ? method : "OTHER");
            }
        };
    }

    @Bean
    WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgument());
            }
        };
    }

    /** The {@link Caller} the {@link ApiKeyFilter} recognised; a handler reached without one answers 401. */
    private static final class CallerArgument implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mav,
                NativeWebRequest request,
                WebDataBinderFactory binders) {
            Object caller = request.getAttribute(ApiKeyFilter.CALLER, RequestAttributes.SCOPE_REQUEST);
            if (caller == null) {
                throw new BookwiseException(
                        ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <admin or host key>");
            }
            return caller;
        }
    }
}

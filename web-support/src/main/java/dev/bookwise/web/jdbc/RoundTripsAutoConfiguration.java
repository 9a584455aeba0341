package dev.bookwise.web.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * With {@code bookwise.jdbc.count-round-trips=true} ({@code BOOKWISE_COUNT_ROUND_TRIPS}), the
 * application's DataSource is wrapped by datasource-proxy to count round trips per request
 * ({@link RoundTripMetrics}); off by default, as the proxy costs a little on every JDBC call.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "bookwise.jdbc.count-round-trips", havingValue = "true")
public class RoundTripsAutoConfiguration {

    @Bean
    static BeanPostProcessor roundTripCountingDataSource() {
        RoundTrips counter = new RoundTrips();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(dataSource)
                            .name(beanName)
                            .listener(counter)
                            .methodListener(counter)
                            .build();
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<RoundTripMetrics> roundTripMetrics(MeterRegistry meters) {
        FilterRegistrationBean<RoundTripMetrics> registration =
                new FilterRegistrationBean<>(new RoundTripMetrics(meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}

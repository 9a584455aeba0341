package dev.bookwise.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param adminKey         the admin bearer key ({@code BOOKWISE_ADMIN_KEY})
 * @param minPositionWait  how long a read with {@code minPosition} waits for the projections
 */
@ConfigurationProperties("bookwise")
public record QueryProperties(String adminKey, @DefaultValue("PT5S") Duration minPositionWait) {
}

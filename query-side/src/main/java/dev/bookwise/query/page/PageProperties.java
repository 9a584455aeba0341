package dev.bookwise.query.page;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The booking page's settings ({@code bookwise.page.*}).
 *
 * @param commandUrl the command side's base URL as the visitor's browser reaches it
 *     ({@code BOOKWISE_PAGE_COMMAND_URL}): the page books, cancels and reschedules there. Its origin
 *     must be allowed to the browser by the page's Content-Security-Policy, and the page's origin
 *     by the command side's {@code BOOKWISE_CORS_ORIGINS}.
 */
@ConfigurationProperties("bookwise.page")
public record PageProperties(
        @DefaultValue("http://localhost:8080") String commandUrl) {

    public PageProperties {
        URI uri = URI.create(commandUrl);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("bookwise.page.command-url must be an http(s) URL, not " + commandUrl);
        }
        // the page appends /api/... to it
        commandUrl = commandUrl.replaceAll("/+$", "");
    }
}

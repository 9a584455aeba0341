package dev.bookwise.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Requests Tomcat refuses before Spring sees them (a header over the size limit, an encoded slash
 * or NUL in the path, a malformed request line) get an RFC 9457 problem too, not Tomcat's HTML
 * page. TRACE is let past the connector (which would refuse it with an empty 405) and refused by
 * the {@link dev.bookwise.web.request.RequestFirewall} with a 405 problem: never dispatched, so never echoed.
 */
public class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
        factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }

    /** Tomcat's last word on an error response without a body: a problem instead of HTML. */
    public static class ProblemErrorReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ErrorCode code = ErrorCode.forStatus(status);
            String detail = status == 400
                    ? "the request could not be read (malformed request line, path or headers,"
                            + " or headers over the size limit)"
                    : code.title();
            try {
                response.setContentType(Problem.MEDIA_TYPE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                byte[] body = JSON.writeValueAsBytes(Problem.of(code, detail, null));
                response.getOutputStream().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone or the response was committed: nothing more to say
            }
        }
    }
}

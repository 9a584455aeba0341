package dev.bookwise.web.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.problem.BaseExceptionHandler;
import dev.bookwise.web.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, requests that are not written the one plain way: a path
 * with an encoded character, a {@code ;} parameter or a dot segment (the servlet container and
 * Spring would route such a path under another spelling than the one written, which is how a
 * filter comparing paths is bypassed), a method outside the API's few, TRACE (never echoed), and a
 * body over the size limit (413, whether it declares its length or is sent in chunks).
 */
public class RequestFirewall extends OncePerRequestFilter {

    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    /** Unreserved characters and slashes, no empty or dot segments. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_~-]+(\\.[A-Za-z0-9_~-]+)*)*/?");

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public RequestFirewall(ObjectMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            response.setHeader("Allow", ALLOW);
            refuse(
                    request,
                    response,
                    ErrorCode.METHOD_NOT_ALLOWED,
                    method.equals("TRACE") ? "TRACE is not supported" : "the method is not one the API uses");
            return;
        }
        if (!PLAIN_PATH.matcher(request.getRequestURI()).matches()) {
            refuse(
                    request,
                    response,
                    ErrorCode.INVALID_REQUEST,
                    "the path must be written plainly: letters, digits, '-', '_', '~' and '.' between slashes, "
                            + "without percent-encoding, ';' parameters, empty or dot segments");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(request, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        chain.doFilter(declared >= 0 ? request : new BoundedBody(request, maxBodyBytes, tooLarge()), response);
    }

    private String tooLarge() {
        return "the request body is over " + (maxBodyBytes / 1024) + " KiB";
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        request.setAttribute(BaseExceptionHandler.PROBLEM_CODE, code.code());
        response.setStatus(code.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // the path is not echoed: it is what was refused
        json.writeValue(response.getOutputStream(), Problem.of(code, detail, null));
    }

    /** Thrown while reading a chunked body that grows over the limit; answered 413. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(String detail) {
            super(detail);
        }
    }

    /** A body of unknown length, read up to the limit. */
    private static final class BoundedBody extends HttpServletRequestWrapper {

        private final long limit;
        private final String detail;
        private ServletInputStream stream;

        BoundedBody(HttpServletRequest request, long limit, String detail) {
            super(request);
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLarge {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLarge(detail);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}

package dev.bookwise.web.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange with a checked target, with a deadline on the whole exchange (connect, TLS
 * handshake, request, response headers and body). The socket connects to an address
 * {@link OutboundPolicy} checked for this exchange, never to a second resolution of the name; TLS
 * still verifies the certificate against the URL's host name (and sends it as SNI). The response
 * body is read up to a bound: either only a prefix is kept (a webhook receiver's answer) or a body
 * over the bound fails the exchange (a calendar feed). Redirects are not followed here: the target
 * was checked, the place it redirects to was not; a caller that follows one checks it first.
 * <p>
 * Failures are described in words a target's operator understands ({@code connection refused},
 * {@code timed out after 10 s}, {@code TLS handshake failed: certificate not trusted}), never with
 * the Java exception behind them.
 */
public final class PinnedHttpClient {

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;

    /** One request header; names and values must not hold line breaks. */
    public record Header(String name, String value) {
        public Header {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not an HTTP header: " + name);
            }
        }
    }

    /**
     * What to send and how much of the answer to read.
     *
     * @param method      GET, POST, REPORT…
     * @param headers     sent after Host, in this order; Content-Length and Connection are added
     * @param body        the request body, or null for none
     * @param maxBodyBytes the most of the response body read
     * @param prefixOnly  true: keep the first {@code maxBodyBytes} and stop, a body that breaks off
     *                    does not change the answer; false: a longer body fails the exchange
     */
    public record Request(String method, List<Header> headers, byte[] body, int maxBodyBytes, boolean prefixOnly) {
        public Request {
            if (!method.matches("[A-Z]+")) {
                throw new IllegalArgumentException("not an HTTP method: " + method);
            }
            headers = List.copyOf(headers);
        }
    }

    /**
     * An answer: the final status, headers by lower-case name (repeated ones joined with ", ") and
     * the body read; null when only a prefix was asked for and the body broke off.
     */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Why an exchange failed, for callers that answer differently by cause. */
    public enum Failure {
        CONNECT,
        TIMEOUT,
        TLS,
        TOO_LARGE,
        MALFORMED,
        NETWORK
    }

    /** What came of one exchange: a response, or a failure and its words (never both). */
    public record Result(Response response, Failure failure, String error) {}

    private enum Phase {
        CONNECT,
        TLS,
        EXCHANGE
    }

    private final Duration connectTimeout;
    private final Duration timeout;
    private final SSLSocketFactory tls;

    public PinnedHttpClient(Duration connectTimeout, Duration timeout) {
        this(connectTimeout, timeout, defaultTls());
    }

    public PinnedHttpClient(Duration connectTimeout, Duration timeout, SSLContext tls) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.tls = tls.getSocketFactory();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no default TLS context", e);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    public Result exchange(OutboundPolicy.Target target, Request request) {
        URI url = target.uri();
        long deadline = System.nanoTime() + timeout.toNanos();
        Phase phase = Phase.CONNECT;
        Socket socket = null;
        try {
            socket = connect(target.addresses(), OutboundPolicy.port(url), deadline);
            if ("https".equalsIgnoreCase(url.getScheme())) {
                phase = Phase.TLS;
                socket = handshake(socket, url, deadline);
            }
            phase = Phase.EXCHANGE;
            OutputStream out = socket.getOutputStream();
            out.write(message(url, request));
            out.flush();
            return new Result(read(socket, deadline, request), null, null);
        } catch (TooLarge e) {
            return new Result(null, Failure.TOO_LARGE, "the response is larger than " + size(request.maxBodyBytes()));
        } catch (IOException e) {
            return new Result(null, failure(phase, e), describe(phase, e));
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the exchange's outcome is known; a failed close changes nothing
                }
            }
        }
    }

    private Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            long remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(
                        new InetSocketAddress(address, port), (int) Math.min(connectTimeout.toMillis(), remaining));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new SocketTimeoutException("deadline");
    }

    private Socket handshake(Socket plain, URI url, long deadline) throws IOException {
        String host = bare(url.getHost());
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, OutboundPolicy.port(url), true);
        SSLParameters parameters = socket.getSSLParameters();
        // the certificate must name the URL's host, although the socket was connected to an address
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            try {
                parameters.setServerNames(
                        List.of(new SNIHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)));
            } catch (IllegalArgumentException e) {
                // a name SNI cannot carry: the handshake goes without it
            }
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis(deadline));
        socket.startHandshake();
        return socket;
    }

    private static byte[] message(URI url, Request request) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        String host = url.getHost();
        if (url.getPort() != -1) {
            host += ":" + url.getPort();
        }
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        for (Header header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (request.body() != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(body, 0, message, headBytes.length, body.length);
        return message;
    }

    /** The status line and headers; then the body as the request asks. */
    private static Response read(Socket socket, long deadline, Request request) throws IOException {
        InputStream in = new BufferedInputStream(new Deadline(socket.getInputStream(), socket, deadline));
        int status;
        Map<String, String> headers;
        do { // interim 1xx answers (100 Continue, 103 Early Hints) precede the real one
            status = statusCode(line(in));
            headers = new LinkedHashMap<>();
            int headerBytes = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                headerBytes += header.length();
                if (headerBytes > MAX_HEADERS) {
                    throw new MalformedResponse();
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                headers.merge(name, value, (first, next) -> first + ", " + next);
            }
        } while (status >= 100 && status < 200 && status != 101);
        long contentLength = -1;
        if (headers.containsKey("content-length")) {
            try {
                contentLength = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new MalformedResponse();
            }
        }
        boolean chunked = headers.getOrDefault("transfer-encoding", "")
                .toLowerCase(Locale.ROOT)
                .contains("chunked");
        byte[] body;
        if (status == 204 || status == 304 || status == 101 || request.method().equals("HEAD")) {
            body = new byte[0];
        } else if (request.prefixOnly()) {
            try {
                body = body(in, contentLength, chunked, request.maxBodyBytes(), true);
            } catch (IOException e) {
                body = null; // the status is the answer; a body that stalls or breaks off does not change it
            }
        } else {
            body = body(in, contentLength, chunked, request.maxBodyBytes(), false);
        }
        return new Response(status, headers, body);
    }

    /**
     * Up to {@code max} bytes of the body. With {@code prefixOnly} the rest is left unread; without
     * it a longer body is {@link TooLarge} and one that ends before its declared length fails.
     */
    private static byte[] body(InputStream in, long contentLength, boolean chunked, int max, boolean prefixOnly)
            throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        if (chunked) {
            while (kept.size() < max || !prefixOnly) {
                String sizeLine = line(in);
                int extension = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
                } catch (NumberFormatException e) {
                    if (prefixOnly) {
                        break;
                    }
                    throw new MalformedResponse();
                }
                if (size <= 0) {
                    break;
                }
                if (!prefixOnly && size > max - kept.size()) {
                    throw new TooLarge();
                }
                long wanted = Math.min(size, max - kept.size());
                if (copy(in, kept, wanted) < wanted && !prefixOnly) {
                    throw new EOFException();
                }
                if (kept.size() < max || !prefixOnly) {
                    line(in); // the CRLF after the chunk
                }
            }
        } else if (contentLength >= 0) {
            if (!prefixOnly && contentLength > max) {
                throw new TooLarge();
            }
            long wanted = Math.min(contentLength, max);
            if (copy(in, kept, wanted) < wanted && !prefixOnly) {
                throw new EOFException();
            }
        } else {
            // no length: the body ends when the server closes the connection
            copy(in, kept, max);
            if (!prefixOnly && in.read() >= 0) {
                throw new TooLarge();
            }
        }
        return kept.toByteArray();
    }

    /** Copies up to {@code max} bytes; the end of the stream ends it early. The number copied. */
    private static long copy(InputStream in, ByteArrayOutputStream out, long max) throws IOException {
        byte[] buffer = new byte[8 * 1024];
        long left = max;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return max - left;
    }

    private static int statusCode(String statusLine) throws MalformedResponse {
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new MalformedResponse();
        }
        try {
            int status = Integer.parseInt(statusLine.substring(9, 12));
            if (status < 100 || status > 999) {
                throw new MalformedResponse();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new MalformedResponse();
        }
    }

    /** One line without its CR LF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException();
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedResponse();
            }
            line.append((char) c);
        }
    }

    private static Failure failure(Phase phase, IOException failure) {
        if (failure instanceof SocketTimeoutException) {
            return Failure.TIMEOUT;
        }
        if (failure instanceof MalformedResponse) {
            return Failure.MALFORMED;
        }
        return switch (phase) {
            case CONNECT -> Failure.CONNECT;
            case TLS -> Failure.TLS;
            case EXCHANGE -> Failure.NETWORK;
        };
    }

    private String describe(Phase phase, IOException failure) {
        if (failure instanceof SocketTimeoutException) {
            return phase == Phase.CONNECT
                    ? "connect timed out after " + seconds(connectTimeout)
                    : "timed out after " + seconds(timeout);
        }
        if (failure instanceof MalformedResponse) {
            return "the response is not HTTP/1.1";
        }
        if (phase == Phase.CONNECT) {
            if (failure instanceof ConnectException) {
                return "connection refused";
            }
            if (failure instanceof NoRouteToHostException) {
                return "no route to host";
            }
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("unreachable") ? "network unreachable" : "could not connect";
        }
        if (phase == Phase.TLS) {
            return "TLS handshake failed" + tlsReason(failure);
        }
        if (failure instanceof EOFException) {
            return "connection closed before a complete response";
        }
        if (failure instanceof SSLException) {
            return "TLS error during the exchange";
        }
        if (failure instanceof SocketException) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("reset")) {
                return "connection reset";
            }
            if (message.contains("broken pipe") || message.contains("closed")) {
                return "connection closed before a complete response";
            }
        }
        return "network error";
    }

    /** Why a handshake failed, in words: the certificate's trust, name or dates, or the protocol. */
    private static String tlsReason(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return ": certificate expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return ": certificate not yet valid";
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return ": certificate does not match the host";
            }
            if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
                return ": certificate not trusted";
            }
        }
        if (failure instanceof EOFException
                || String.valueOf(failure.getMessage()).contains("Remote host terminated")) {
            return ": connection closed";
        }
        if (failure instanceof SocketException) {
            return ": connection reset";
        }
        if (String.valueOf(failure.getMessage()).contains("Unsupported or unrecognized SSL message")) {
            return ": the server does not speak TLS";
        }
        return "";
    }

    /** "10 s", "2.5 s": how durations appear in errors. */
    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis())
                        .movePointLeft(3)
                        .stripTrailingZeros()
                        .toPlainString() + " s";
    }

    private static long remainingMillis(long deadline) {
        return Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    }

    private static int timeoutMillis(long deadline) throws SocketTimeoutException {
        long remaining = remainingMillis(deadline);
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(remaining, Integer.MAX_VALUE);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Reading past the attempt's deadline fails: every read from the socket waits at most until then. */
    private static final class Deadline extends InputStream {
        private final InputStream in;
        private final Socket socket;
        private final long deadline;

        Deadline(InputStream in, Socket socket, long deadline) {
            this.in = in;
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(timeoutMillis(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(timeoutMillis(deadline));
            return in.read(b, off, len);
        }
    }

    /** "2 MiB", "64 KiB", "1000 bytes": how sizes appear in errors. */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    /** A body longer than the request allows. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large", null);
        }
    }

    /** A response that is not HTTP/1.x as this client reads it. */
    private static final class MalformedResponse extends IOException {
        MalformedResponse() {
            super("malformed response", null);
        }
    }
}

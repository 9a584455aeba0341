package dev.bookwise.query.webhook;

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
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST of a signed message to a checked target, with a deadline on the whole exchange
 * (connect, TLS handshake, request, response headers and the first bytes of the body). The socket
 * connects to an address {@link TargetPolicy} checked for this attempt, never to a second
 * resolution of the name; TLS still verifies the certificate against the URL's host name (and sends
 * it as SNI). Of the response body only a short prefix is read; then the connection is closed.
 * Redirects are not followed: the target was checked, the place it redirects to was not.
 * <p>
 * Failures are described in words a receiver's operator understands ({@code connection refused},
 * {@code timed out after 10 s}, {@code TLS handshake failed: certificate not trusted}), never with
 * the Java exception behind them.
 */
final class WebhookSender {

    static final int RESPONSE_PREFIX_BYTES = 256;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;

    /** What came of one attempt: a status code, or an error (never both). */
    record Outcome(Integer statusCode, String error, String responsePrefix) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private enum Phase {
        CONNECT,
        TLS,
        EXCHANGE
    }

    private final Duration connectTimeout;
    private final Duration timeout;
    private final SSLSocketFactory tls;

    WebhookSender(Duration connectTimeout, Duration timeout) {
        this(connectTimeout, timeout, defaultTls());
    }

    WebhookSender(Duration connectTimeout, Duration timeout, SSLContext tls) {
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

    Outcome post(TargetPolicy.Target target, String webhookId, long timestampSeconds, String signature, String body) {
        URI url = target.uri();
        long deadline = System.nanoTime() + timeout.toNanos();
        Phase phase = Phase.CONNECT;
        Socket socket = null;
        try {
            socket = connect(target.addresses(), TargetPolicy.port(url), deadline);
            if ("https".equalsIgnoreCase(url.getScheme())) {
                phase = Phase.TLS;
                socket = handshake(socket, url, deadline);
            }
            phase = Phase.EXCHANGE;
            OutputStream out = socket.getOutputStream();
            out.write(request(url, webhookId, timestampSeconds, signature, body.getBytes(StandardCharsets.UTF_8)));
            out.flush();
            return read(socket, deadline);
        } catch (IOException e) {
            return new Outcome(null, describe(phase, e), null);
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the attempt's outcome is known; a failed close changes nothing
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
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, TargetPolicy.port(url), true);
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

    private static byte[] request(URI url, String webhookId, long timestampSeconds, String signature, byte[] body) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        String host = url.getHost();
        if (url.getPort() != -1) {
            host += ":" + url.getPort();
        }
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n"
                + "User-Agent: BookWise-Webhooks/1\r\n"
                + "webhook-id: " + webhookId + "\r\n"
                + "webhook-timestamp: " + timestampSeconds + "\r\n"
                + "webhook-signature: " + signature + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(body, 0, message, headBytes.length, body.length);
        return message;
    }

    /** The status line and headers; then up to {@link #RESPONSE_PREFIX_BYTES} of the body. */
    private Outcome read(Socket socket, long deadline) throws IOException {
        InputStream in = new BufferedInputStream(new Deadline(socket.getInputStream(), socket, deadline));
        int status;
        long contentLength = -1;
        boolean chunked = false;
        do { // interim 1xx answers (100 Continue, 103 Early Hints) precede the real one
            status = statusCode(line(in));
            contentLength = -1;
            chunked = false;
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
                if (name.equals("content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedResponse();
                    }
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
        } while (status >= 100 && status < 200 && status != 101);
        String prefix;
        try {
            prefix = bodyPrefix(in, status, contentLength, chunked);
        } catch (IOException e) {
            prefix = null; // the status is the answer; a body that stalls or breaks off does not change it
        }
        return new Outcome(status, null, prefix);
    }

    private static String bodyPrefix(InputStream in, int status, long contentLength, boolean chunked)
            throws IOException {
        if (status == 204 || status == 304 || status == 101) {
            return "";
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(RESPONSE_PREFIX_BYTES);
        if (chunked) {
            while (kept.size() < RESPONSE_PREFIX_BYTES) {
                String sizeLine = line(in);
                int extension = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size <= 0) {
                    break;
                }
                copy(in, kept, Math.min(size, RESPONSE_PREFIX_BYTES - kept.size()));
                if (kept.size() < RESPONSE_PREFIX_BYTES) {
                    line(in); // the CRLF after the chunk
                }
            }
        } else {
            long wanted = contentLength < 0 ? RESPONSE_PREFIX_BYTES : Math.min(contentLength, RESPONSE_PREFIX_BYTES);
            copy(in, kept, wanted);
        }
        return StandardCharsets.UTF_8
                .decode(java.nio.ByteBuffer.wrap(kept.toByteArray()))
                .toString()
                .replace('\u0000', ' ');
    }

    /** Copies up to {@code max} bytes; the end of the stream ends it early. */
    private static void copy(InputStream in, ByteArrayOutputStream out, long max) throws IOException {
        byte[] buffer = new byte[RESPONSE_PREFIX_BYTES];
        long left = max;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
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

    /** "10 s", "2.5 s": how durations appear in delivery errors. */
    static String seconds(Duration duration) {
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

    /** A response that is not HTTP/1.x as this client reads it. */
    private static final class MalformedResponse extends IOException {
        MalformedResponse() {
            super("malformed response", null);
        }
    }
}

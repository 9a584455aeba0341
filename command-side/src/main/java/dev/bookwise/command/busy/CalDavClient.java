package dev.bookwise.command.busy;

import dev.bookwise.web.outbound.OutboundPolicy;
import dev.bookwise.web.outbound.PinnedHttpClient;
import dev.bookwise.web.outbound.PinnedHttpClient.Header;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the events of a CalDAV calendar collection (RFC 4791) that touch a period: one REPORT
 * {@code calendar-query} with a {@code time-range} filter on VEVENTs, Depth 1, basic
 * authentication, through the pinned client (bounded in time and size, connected only to
 * addresses the outbound rules allow). The server returns whole calendar objects (a recurring
 * event with its overrides and time zones); {@link BusyTimes} expands them. Redirects are not
 * followed: the credentials go only to the URL the host gave. Credentials are sent over https
 * only, except to a loopback address (a server on the same machine).
 * <p>
 * The multistatus answer is parsed by the JDK's XML parser with DTDs and external entities off.
 */
public final class CalDavClient {

    private static final String DAV = "DAV:";
    private static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A CalDAV account's username and password (often an app password); never printed. */
    public record Credentials(String username, String password) {
        public Credentials {
            if (username == null || username.isEmpty() || username.contains(":") || password == null) {
                throw new IllegalArgumentException("a username without ':' and a password are required");
            }
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    private final SourceHttp http;

    /**
     * @param policy   the busy sources' outbound rules ({@link BusySourceTargets#policy})
     * @param client   bounds each exchange's time
     * @param maxBytes the largest answer read
     */
    public CalDavClient(OutboundPolicy policy, PinnedHttpClient client, int maxBytes) {
        this.http = new SourceHttp(policy, client, maxBytes);
    }

    /**
     * The calendar objects (each an iCalendar text) of the collection with an event in [from, to).
     *
     * @param collection  the calendar collection's URL, e.g. {@code https://caldav.example.com/calendars/ada/work/}
     * @param credentials null for a server without authentication
     */
    public List<String> read(URI collection, Credentials credentials, Instant from, Instant to)
            throws BusySourceException {
        OutboundPolicy.Target target = http.check(collection);
        List<Header> headers = new ArrayList<>(List.of(
                new Header("Depth", "1"),
                new Header("Content-Type", "application/xml; charset=utf-8"),
                new Header("Accept", "application/xml, text/xml"),
                new Header("User-Agent", SourceHttp.USER_AGENT)));
        if (credentials != null) {
            if (!"https".equalsIgnoreCase(collection.getScheme())
                    && !target.addresses().stream().allMatch(InetAddress::isLoopbackAddress)) {
                throw new BusySourceException(
                        BusySourceException.Kind.REFUSED_TARGET,
                        "the password is sent over https only; use the server's https address");
            }
            String pair = credentials.username() + ":" + credentials.password();
            headers.add(new Header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        PinnedHttpClient.Response response =
                http.send(target, "REPORT", headers, query(from, to).getBytes(StandardCharsets.UTF_8));
        int status = response.status();
        if (status != 207) {
            throw status(status, response.header("Location"));
        }
        return calendarData(response.body());
    }

    static String query(Instant from, Instant to) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><C:calendar-data/></D:prop>
                  <C:filter>
                    <C:comp-filter name="VCALENDAR">
                      <C:comp-filter name="VEVENT">
                        <C:time-range start="%s" end="%s"/>
                      </C:comp-filter>
                    </C:comp-filter>
                  </C:filter>
                </C:calendar-query>
                """.formatted(UTC.format(from), UTC.format(to));
    }

    /** The calendar-data of each response whose properties were found (a 200 propstat). */
    static List<String> calendarData(byte[] multistatus) throws BusySourceException {
        Document document;
        try {
            document = parser().parse(new ByteArrayInputStream(multistatus));
        } catch (SAXException | IOException e) {
            throw new BusySourceException(
                    BusySourceException.Kind.NOT_ICALENDAR, "the answer is not a CalDAV multistatus");
        }
        Element root = document.getDocumentElement();
        if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw new BusySourceException(
                    BusySourceException.Kind.NOT_ICALENDAR, "the answer is not a CalDAV multistatus");
        }
        List<String> calendars = new ArrayList<>();
        NodeList propstats = root.getElementsByTagNameNS(DAV, "propstat");
        for (int i = 0; i < propstats.getLength(); i++) {
            Element propstat = (Element) propstats.item(i);
            if (!found(propstat)) {
                continue;
            }
            NodeList data = propstat.getElementsByTagNameNS(CALDAV, "calendar-data");
            for (int j = 0; j < data.getLength(); j++) {
                String text = data.item(j).getTextContent();
                if (text != null && !text.isBlank()) {
                    calendars.add(text);
                }
            }
        }
        return calendars;
    }

    private static boolean found(Element propstat) {
        for (Node child = propstat.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && DAV.equals(e.getNamespaceURI()) && "status".equals(e.getLocalName())) {
                return e.getTextContent().contains(" 200 ");
            }
        }
        return true; // no status: the properties are there
    }

    /** The JDK's parser with no DTDs, no external entities or schemas, no XInclude. */
    private static DocumentBuilder parser() throws BusySourceException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    private static BusySourceException status(int status, String location) {
        return switch (status) {
            case 401 ->
                new BusySourceException(
                        BusySourceException.Kind.AUTH_FAILED, "the server refused the username or password (HTTP 401)");
            case 403 ->
                new BusySourceException(
                        BusySourceException.Kind.AUTH_FAILED, "the server denied access to this calendar (HTTP 403)");
            case 404 ->
                new BusySourceException(BusySourceException.Kind.HTTP_STATUS, "no calendar at this URL (HTTP 404)");
            case 301, 302, 303, 307, 308 ->
                new BusySourceException(
                        BusySourceException.Kind.HTTP_STATUS,
                        "the server redirects (HTTP " + status + ")"
                                + (location == null ? "" : " to " + location.strip())
                                + "; use the calendar's own URL");
            case 405, 501 ->
                new BusySourceException(
                        BusySourceException.Kind.HTTP_STATUS,
                        "this URL is not a CalDAV calendar (HTTP " + status + ")");
            default ->
                new BusySourceException(BusySourceException.Kind.HTTP_STATUS, "the server answered HTTP " + status);
        };
    }
}

package dev.bookwise.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IPv6 addresses that embed an IPv4 address are judged by the IPv4 address; ports must be 1-65535. */
class WebhookTargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(WebhookRulesTest.properties(false, List.of()));
    private final TargetPolicy local = new TargetPolicy(WebhookRulesTest.properties(true, List.of()));

    @ParameterizedTest(name = "{0} ({1}) leads to {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ::127.0.0.1                               | IPv4-compatible   | 127.0.0.1
            ::10.0.0.1                                | IPv4-compatible   | 10.0.0.1
            ::169.254.169.254                         | IPv4-compatible   | 169.254.169.254
            ::ffff:127.0.0.1                          | IPv4-mapped       | 127.0.0.1
            ::ffff:10.1.2.3                           | IPv4-mapped       | 10.1.2.3
            ::ffff:169.254.169.254                    | IPv4-mapped       | 169.254.169.254
            ::ffff:0:127.0.0.1                        | IPv4-translated   | 127.0.0.1
            ::ffff:0:192.168.1.1                      | IPv4-translated   | 192.168.1.1
            ::ffff:0:169.254.169.254                  | IPv4-translated   | 169.254.169.254
            64:ff9b::127.0.0.1                        | NAT64             | 127.0.0.1
            64:ff9b::a00:1                            | NAT64             | 10.0.0.1
            64:ff9b::a9fe:a9fe                        | NAT64             | 169.254.169.254
            2002:7f00:1::                             | 6to4              | 127.0.0.1
            2002:a00:1::1                             | 6to4              | 10.0.0.1
            2002:a9fe:a9fe:1::1                       | 6to4              | 169.254.169.254
            2002:6440:1::                             | 6to4              | 100.64.0.1
            2001:0:4136:e378:8000:63bf:80ff:fffe      | Teredo            | 127.0.0.1
            2001:0:4136:e378:8000:63bf:f5ff:fffe      | Teredo            | 10.0.0.1
            2001::5601:5601                           | Teredo            | 169.254.169.254
            2001:0:4136:e378:8000:63bf:3fff:fdd2      | Teredo            | 192.0.2.45
            """)
    void anIpv6AddressEmbeddingAnInternalIpv4AddressIsRefused(String ipv6, String form, String ipv4) throws Exception {
        assertThat(TargetPolicy.embeddedIpv4(InetAddress.getByName(ipv6).getAddress())
                        .map(InetAddress::getHostAddress)
                        .orElse(InetAddress.getByName(ipv6).getHostAddress()))
                .as(form + " " + ipv6)
                .isEqualTo(ipv4);
        boolean internal = !ipv4.equals("192.0.2.45");
        if (internal) {
            refused(strict, "http://[" + ipv6 + "]/hook");
            assertThat(strict.checkAtDelivery(URI.create("http://[" + ipv6 + "]/hook"))
                            .refusal())
                    .as(ipv6)
                    .isNotNull();
        }
    }

    @ParameterizedTest(name = "{0} ({1}) is public")
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:93.184.215.14                      | IPv4-mapped
            ::ffff:0:93.184.215.14                    | IPv4-translated
            64:ff9b::5db8:d70e                        | NAT64
            2002:5db8:d70e::1                         | 6to4
            2001:0:4136:e378:8000:63bf:a247:28f1      | Teredo
            2606:4700:4700::1111                      | plain IPv6
            """)
    void anIpv6AddressEmbeddingAPublicIpv4AddressIsAccepted(String ipv6, String form) throws Exception {
        URI url = URI.create("https://[" + ipv6 + "]/hook");
        assertThat(strict.checkSubscription(url.toString())).as(form).isEqualTo(url);
        TargetPolicy.Checked checked = strict.checkAtDelivery(url);
        assertThat(checked.refusal()).as(form).isNull();
        assertThat(checked.target().addresses()).containsExactly(InetAddress.getByName(ipv6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:0:127.0.0.1     | true
            64:ff9b::7f00:1        | true
            2002:c0a8:101::        | true
            64:ff9b:1::a00:1       | true
            64:ff9b::a9fe:a9fe     | false
            2002:a9fe:a9fe::       | false
            ::ffff:0:169.254.1.1   | false
            """)
    void allowingLoopbackPermitsEmbeddedLoopbackAndPrivateButNeverLinkLocal(String ipv6, boolean permitted) {
        String url = "http://[" + ipv6 + "]/hook";
        if (permitted) {
            assertThat(local.checkSubscription(url)).isNotNull();
            refused(strict, url);
        } else {
            refused(local, url);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://93.184.215.14:0/hook, false",
        "http://93.184.215.14:65536/hook, false",
        "https://93.184.215.14:99999/hook, false",
        "http://93.184.215.14:1/hook, true",
        "https://93.184.215.14:65535/hook, true",
        "https://93.184.215.14/hook, true"
    })
    void portsOutside1To65535AreRefused(String url, boolean permitted) {
        if (permitted) {
            assertThat(strict.checkSubscription(url)).isEqualTo(URI.create(url));
            assertThat(strict.checkAtDelivery(URI.create(url)).refusal()).isNull();
        } else {
            refused(strict, url);
            assertThat(strict.checkAtDelivery(URI.create(url)).refusal()).contains("port");
        }
    }

    private static void refused(TargetPolicy policy, String url) {
        assertThatThrownBy(() -> policy.checkSubscription(url))
                .as(url)
                .isInstanceOf(BookwiseException.class)
                .extracting(e -> ((BookwiseException) e).code().code())
                .isEqualTo("invalid-webhook-url");
    }
}

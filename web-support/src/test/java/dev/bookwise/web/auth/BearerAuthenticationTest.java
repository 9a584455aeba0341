package dev.bookwise.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BearerAuthenticationTest {

    private static final UUID HOST = UUID.randomUUID();
    private static final String HOST_KEY = ApiKeys.generate();

    private final BearerAuthentication authentication = new BearerAuthentication("admin-secret");

    private Optional<Caller> authenticate(String header) {
        return authentication.authenticate(
                header,
                digest ->
                        digest.equals(ApiKeys.sha256Hex(HOST_KEY)) ? Optional.of(Caller.host(HOST)) : Optional.empty());
    }

    @Test
    void theAdminKeyAuthenticatesTheAdmin() {
        assertThat(authenticate("Bearer admin-secret")).contains(Caller.ADMIN);
    }

    @Test
    void aHostKeyAuthenticatesItsHostByItsDigest() {
        assertThat(authenticate("Bearer " + HOST_KEY)).contains(Caller.host(HOST));
    }

    @Test
    void missingMalformedOrUnknownKeysAuthenticateNobody() {
        assertThat(authenticate(null)).isEmpty();
        assertThat(authenticate("admin-secret")).isEmpty();
        assertThat(authenticate("Basic YWRtaW46c2VjcmV0")).isEmpty();
        assertThat(authenticate("Bearer ")).isEmpty();
        assertThat(authenticate("Bearer admin-secreT")).isEmpty();
        assertThat(authenticate("Bearer " + "x".repeat(600))).isEmpty();
    }

    @Test
    void withoutAnAdminKeyNobodyIsAdmin() {
        assertThat(new BearerAuthentication("").authenticate("Bearer ", digest -> Optional.empty()))
                .isEmpty();
        assertThat(new BearerAuthentication(null).authenticate("Bearer null", digest -> Optional.empty()))
                .isEmpty();
    }
}

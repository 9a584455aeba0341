package dev.bookwise.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminKeyPropertiesTest {

    @Test
    void anAdminKeyOfAtLeast24CharactersIsTaken() {
        assertThat(new AdminKeyProperties("x".repeat(24)).adminKey()).hasSize(24);
    }

    @Test
    void aMissingOrShortAdminKeyStopsTheApplication() {
        assertThatThrownBy(() -> new AdminKeyProperties(null)).hasMessageContaining("must be set");
        assertThatThrownBy(() -> new AdminKeyProperties(" ")).hasMessageContaining("must be set");
        assertThatThrownBy(() -> new AdminKeyProperties("change-me-admin-key")).hasMessageContaining("24");
    }
}

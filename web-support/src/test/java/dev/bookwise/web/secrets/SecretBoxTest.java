package dev.bookwise.web.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = "k".repeat(32);
    private static final String NEW_KEY = "n".repeat(32);

    @Test
    void aSealedTextOpensWithItsKeyAndShowsNothingOfItself() {
        SecretBox box = new SecretBox(KEY);
        String sealed = box.seal("{\"apiKey\":\"bwk_secret\"}");
        assertThat(sealed).startsWith("enc:v1:").doesNotContain("bwk_secret");
        assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
        assertThat(box.open(sealed)).isEqualTo("{\"apiKey\":\"bwk_secret\"}");
    }

    @Test
    void textStoredBeforeSealingOpensAsItIs() {
        assertThat(new SecretBox(KEY).open("whsec_plain")).isEqualTo("whsec_plain");
        assertThat(new SecretBox(KEY).open(null)).isNull();
    }

    @Test
    void afterARotationOldValuesOpenWithThePreviousKeyAndNewOnesUseTheNewKey() {
        String old = new SecretBox(KEY).seal("before");
        SecretBox rotated = new SecretBox(NEW_KEY, KEY);
        assertThat(rotated.open(old)).isEqualTo("before");
        String fresh = rotated.seal("after");
        assertThat(new SecretBox(NEW_KEY).open(fresh)).isEqualTo("after");
        assertThatThrownBy(() -> new SecretBox(KEY).open(fresh)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueAlteredAtRestIsRefused() {
        SecretBox box = new SecretBox(KEY);
        String sealed = box.seal("before");
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalStateException.class);
    }
}

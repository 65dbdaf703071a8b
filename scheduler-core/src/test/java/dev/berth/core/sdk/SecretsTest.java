package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.pkg.SecretSpec;
import dev.berth.core.sdk.hooks.Secrets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service's secrets: generated once, never replaced, never printed. */
class SecretsTest {
    final SecureRandom random = new SecureRandom();
    final List<SecretSpec> declared = List.of(new SecretSpec("superuser_password", "the superuser's"),
            new SecretSpec("token", ""));

    @Test
    void onlyTheDeclaredSecretsMissingGetNewValues() {
        Secrets existing = new Secrets(Map.of("superuser_password", "kept"));

        Map<String, String> added = existing.missing(declared, random);

        assertThat(added).containsOnlyKeys("token");
        assertThat(existing.with(added).value("superuser_password")).contains("kept");
        assertThat(existing.with(added).missing(declared, random)).isEmpty();
    }

    @Test
    void aGivenSecretIsNeverGenerated() {
        Map<String, String> added = Secrets.NONE.missing(List.of(new SecretSpec("password", ""),
                new SecretSpec("store_key", "set by an operator", true)), random);
        assertThat(added).containsOnlyKeys("password");
    }

    @Test
    void generatedValuesAreLongRandomLettersAndDigits() {
        Map<String, String> a = Secrets.NONE.missing(declared, random);
        Map<String, String> b = Secrets.NONE.missing(declared, random);

        assertThat(a.values()).allSatisfy(v -> assertThat(v).matches("[A-Za-z0-9]{24}"));
        assertThat(a.get("token")).isNotEqualTo(a.get("superuser_password")).isNotEqualTo(b.get("token"));
    }

    @Test
    void theTextOfSecretsNamesThemButNeverShowsAValue() {
        Secrets secrets = new Secrets(Map.of("superuser_password", "s3cretValue"));

        assertThat(secrets.toString()).isEqualTo("Secrets[superuser_password]").doesNotContain("s3cretValue");
        assertThat(secrets.fingerprint("superuser_password")).get().asString().matches("[0-9a-f]{16}")
                .doesNotContain("s3cretValue");
        assertThat(secrets.fingerprint("superuser_password")).isEqualTo(new Secrets(Map.of("superuser_password",
                "s3cretValue")).fingerprint("superuser_password"));
        assertThat(secrets.fingerprint("nope")).isEmpty();
    }
}

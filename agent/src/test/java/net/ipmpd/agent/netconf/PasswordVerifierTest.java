package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password checks: one hash per distinct attempt, the same cost for an unknown user. */
class PasswordVerifierTest {
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void anUnknownUserIsCheckedAgainstAHashOfTheSameCostAndRefused() throws Exception {
        try (var v = new PasswordVerifier(Map.of("admin", PasswordHash.parse(PasswordHash.create(PASSWORD.toCharArray(), 1000))), 1)) {
            assertThat(v.verify("nobody", PASSWORD).get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(v.hashesComputed()).as("the unknown user costs a hash like a known one").isEqualTo(1);
        }
    }

    @Test
    void identicalAttemptsAtOnceShareOneHashAndAVerifiedPasswordIsRemembered() throws Exception {
        try (var v = new PasswordVerifier(Map.of("admin", PasswordHash.parse(PasswordHash.create(PASSWORD.toCharArray(), 50_000))), 1)) {
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(v.verify("admin", PASSWORD));
            }
            for (var f : all) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(v.hashesComputed()).isEqualTo(1);
            assertThat(v.recentlyVerified("admin", PASSWORD)).isTrue();
            assertThat(v.recentlyVerified("admin", "wrong")).isFalse();
            assertThat(v.verify("admin", "wrong").get(60, TimeUnit.SECONDS)).isFalse();
            assertThat(v.recentlyVerified("admin", "wrong")).as("failures are not remembered as successes").isFalse();
        }
    }
}

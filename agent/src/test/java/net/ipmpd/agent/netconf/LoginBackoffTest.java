package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The back-off after failed passwords, with time passed in. */
class LoginBackoffTest {
    private static final long S = 1_000_000_000L;
    private final LoginBackoff backoff = new LoginBackoff();

    @Test
    void aFirstMistypedPasswordCostsNoDelayTheNextOnesDoubleUpToTheCeiling() {
        assertThat(backoff.delayNanos("198.18.0.1", "admin", 0)).isZero();
        backoff.failed("198.18.0.1", "admin", 0);
        assertThat(backoff.delayNanos("198.18.0.1", "admin", S)).isZero();
        backoff.failed("198.18.0.1", "admin", S);
        assertThat(backoff.delayNanos("198.18.0.1", "admin", 2 * S)).isEqualTo(LoginBackoff.FIRST_DELAY_NANOS);
        backoff.failed("198.18.0.1", "admin", 2 * S);
        assertThat(backoff.delayNanos("198.18.0.1", "admin", 3 * S)).isEqualTo(2 * LoginBackoff.FIRST_DELAY_NANOS);
        for (int i = 0; i < 30; i++) {
            backoff.failed("198.18.0.1", "admin", 4 * S);
        }
        assertThat(backoff.delayNanos("198.18.0.1", "admin", 5 * S)).isEqualTo(LoginBackoff.MAX_SOURCE_DELAY_NANOS);
    }

    @Test
    void manySourcesGuessingOneUserSlowDownThatUserNameOnly() {
        for (int i = 1; i <= LoginBackoff.FREE_FAILURES_PER_USER + 2; i++) {
            backoff.failed("198.18.1." + i, "admin", S);
        }
        assertThat(backoff.delayNanos("198.18.2.1", "admin", 2 * S)).isPositive();
        assertThat(backoff.delayNanos("198.18.2.1", "monitor", 2 * S)).isZero();
    }

    @Test
    void anUnknownUserNameIsDelayedExactlyLikeAKnownOne() {
        LoginBackoff other = new LoginBackoff();
        for (int i = 0; i < 6; i++) {
            backoff.failed("198.18.0.1", "admin", i * S);
            other.failed("198.18.0.1", "no-such-user", i * S);
        }
        assertThat(other.delayNanos("198.18.0.1", "no-such-user", 7 * S)).isEqualTo(backoff.delayNanos("198.18.0.1", "admin", 7 * S))
                .isPositive();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriodAndASuccessClearsTheSource() {
        for (int i = 0; i < 5; i++) {
            backoff.failed("198.18.0.1", "x", 0);
        }
        assertThat(backoff.delayNanos("198.18.0.1", "y", S)).isPositive();
        assertThat(backoff.delayNanos("198.18.0.1", "y", LoginBackoff.FORGET_AFTER_NANOS + S)).isZero();
        backoff.succeeded("198.18.0.1");
        assertThat(backoff.delayNanos("198.18.0.1", "y", 2 * S)).isZero();
    }
}

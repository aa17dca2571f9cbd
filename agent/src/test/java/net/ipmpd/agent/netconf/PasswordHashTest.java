package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hash an unknown user is checked against: as costly to check as the users' own, matched by nothing. */
class PasswordHashTest {
    @Test
    void theUnknownUsersHashCostsAsManyRoundsAsTheUsersHashes() {
        assertThat(PasswordHash.unguessable(PasswordHash.DEFAULT_ITERATIONS).iterations())
                .isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
        assertThat(PasswordHash.unguessable(5000).iterations()).isEqualTo(5000);
        assertThat(PasswordHash.unguessable(1).iterations()).as("never below the minimum a stored hash may have").isEqualTo(1000);
    }

    @Test
    void noPasswordMatchesTheUnknownUsersHash() {
        PasswordHash a = PasswordHash.unguessable(1000);
        for (String guess : new String[] {"", "password", "correct horse battery staple"}) {
            assertThat(a.matches(guess.toCharArray())).isFalse();
        }
    }
}

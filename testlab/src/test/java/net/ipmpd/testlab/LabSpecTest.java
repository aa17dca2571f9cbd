package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabSpecTest {
    @Test
    void standardLabHasMembersTargetsAndAClient() {
        LabSpec s = LabSpec.standard(3, 2);
        assertThat(s.members()).extracting(LabSpec.MemberSpec::name).containsExactly("m0", "m1", "m2");
        assertThat(s.member("m1").orElseThrow().addresses()).extracting(Object::toString)
                .containsExactly("198.18.0.11/24", "2001:2::11/64");
        assertThat(s.targets()).extracting(LabSpec.HostSpec::name).containsExactly("t1", "t2");
        assertThat(s.clients()).extracting(LabSpec.HostSpec::name).containsExactly("c");
        assertThat(s.host("t2").orElseThrow().addresses()).extracting(Object::toString)
                .containsExactly("198.18.0.2/24", "2001:2::2/64");
    }

    @Test
    void routerAndMulticastEchoOptions() {
        LabSpec.HostSpec t = LabSpec.target("t1", "198.18.0.1/24").router("198.19.1.1/24").answeringMulticastEcho();
        assertThat(t.router()).isTrue();
        assertThat(t.answersMulticastEcho()).isTrue();
        assertThat(t.beyond()).extracting(Object::toString).containsExactly("198.19.1.1/24");
    }

    @Test
    void namesMustFitInterfaceNamesAndBeUnique() {
        assertThatThrownBy(() -> LabSpec.builder().member("m0").member("m0").build())
                .hasMessageContaining("'m0' is used twice");
        assertThatThrownBy(() -> LabSpec.builder().member("m0").target("m0").build())
                .hasMessageContaining("'m0' is used twice");
        assertThatThrownBy(() -> LabSpec.builder().member("averyverylongname").build())
                .hasMessageContaining("member name 'averyverylongname' must match");
        assertThatThrownBy(() -> LabSpec.builder().member("m0").client("sw").build())
                .hasMessageContaining("client name 'sw'");
        assertThatThrownBy(() -> LabSpec.builder().target("t1").build())
                .hasMessageContaining("at least one member");
    }

    @Test
    void addressesAreCheckedWhenTheSpecIsWritten() {
        assertThatThrownBy(() -> LabSpec.builder().member("m0", "10.1.1.1/24"))
                .hasMessageStartingWith("member m0: '10.1.1.1/24' is outside the lab ranges");
        assertThatThrownBy(() -> LabSpec.target("t1", "198.18.0.1/24").router("8.8.8.0/24"))
                .hasMessageContaining("target t1 (behind the router)");
    }
}

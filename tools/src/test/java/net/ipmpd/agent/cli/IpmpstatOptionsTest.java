package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpmpstatOptionsTest {

    private static IpmpstatOptions parse(String... args) throws Exception {
        return IpmpstatOptions.parse(args);
    }

    @Test
    void optionsCombineAsGetoptReadsThem() throws Exception {
        IpmpstatOptions o = parse("-gP", "-o", "group,fdt");
        assertThat(o.mode()).isEqualTo(OutputMode.GROUP);
        assertThat(o.format()).isEqualTo(Table.Format.PARSABLE);
        assertThat(o.fieldSpec()).isEqualTo("group,fdt");
        assertThat(parse("-nogroup", "-g").fieldSpec()).isEqualTo("group");
        assertThat(parse("-n", "-i").numeric()).isTrue();
        assertThat(parse("-t", "--json").format()).isEqualTo(Table.Format.JSON);
        assertThat(parse("-jp").mode()).isEqualTo(OutputMode.PROBE);
        assertThat(parse("-a", "--socket", "/tmp/x.sock").socket()).isEqualTo("/tmp/x.sock");
        assertThat(parse("--socket=/tmp/y.sock", "-a").socket()).isEqualTo("/tmp/y.sock");
    }

    @Test
    void anOutputModeIsRequiredAsInSolaris() {
        assertThatThrownBy(() -> parse()).isInstanceOfSatisfying(IpmpstatOptions.UsageException.class,
                e -> assertThat(e.usage).isTrue());
        assertThatThrownBy(() -> parse("-n", "-P")).isInstanceOf(IpmpstatOptions.UsageException.class);
    }

    @Test
    void onlyOneOutputModeMayBeGiven() {
        assertThatThrownBy(() -> parse("-g", "-i")).hasMessage("only one output format may be specified");
        assertThatThrownBy(() -> parse("-gg")).hasMessage("only one output format may be specified");
    }

    @Test
    void badOptionsAndOperandsAreUsageErrors() {
        assertThatThrownBy(() -> parse("-x")).hasMessage("illegal option -- x");
        assertThatThrownBy(() -> parse("-g", "-o")).hasMessage("option requires an argument -- o");
        assertThatThrownBy(() -> parse("-g", "extra")).isInstanceOfSatisfying(IpmpstatOptions.UsageException.class,
                e -> assertThat(e.getMessage()).isNull());
        assertThatThrownBy(() -> parse("-g", "--verbose")).isInstanceOf(IpmpstatOptions.UsageException.class);
        assertThatThrownBy(() -> parse("-g", "--socket")).hasMessage("option requires an argument -- socket");
        assertThatThrownBy(() -> parse("-gjP", "-o", "group")).hasMessage("-j and -P cannot be used together");
    }
}

package net.ipmpd.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ipmpd.engine.notify.Cause;
import org.junit.jupiter.api.Test;

/** The MIB is the contract: it must lint clean and every name in it must resolve in Net-SNMP. */
class MibLintTest {

    @Test
    void smilintAtLevel6IsSilentOnOurModules() throws Exception {
        var r = Cli.run(List.of("env", "SMIPATH=" + Cli.IETF_DIR + ":" + Cli.MIB_DIR, "smilint", "-l", "6",
                Cli.MIB_DIR.resolve("IPMPD-ROOT-MIB.txt").toString(),
                Cli.MIB_DIR.resolve("IPMP-MIB.txt").toString()), 30_000);
        assertThat(r.all()).as("smilint output").isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void snmptranslateResolvesEveryObjectAndNotificationByName() throws Exception {
        List<String> names = definedNames();
        assertThat(names).hasSizeGreaterThan(70).contains("ipmpInterfaceFailed", "ipmpMemberAdminStatus");
        List<String> cmd = new ArrayList<>(List.of("snmptranslate", "-m", "+IPMP-MIB", "-M", Cli.MIB_PATH, "-On"));
        names.forEach(n -> cmd.add("IPMP-MIB::" + n));
        var r = Cli.run(cmd, 30_000);
        List<String> oids = Arrays.stream(r.out().split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(oids).as("one OID per name; stderr: %s", r.err()).hasSize(names.size())
                .allMatch(o -> o.equals(".1.3.6.1.4.1.32473.1") || o.startsWith(".1.3.6.1.4.1.32473.1."));
        assertThat(r.err()).doesNotContain("Unknown Object Identifier");
    }

    @Test
    void causeLabelsAreTheEngineCauseNamesInCamelCase() throws Exception {
        String mib = Files.readString(Cli.MIB_DIR.resolve("IPMP-MIB.txt"));
        int tc = mib.indexOf("IpmpCause ::= TEXTUAL-CONVENTION");
        String syntax = mib.substring(mib.indexOf("SYNTAX", tc), mib.indexOf('}', tc) + 1);
        Matcher m = Pattern.compile("(\\w+)\\((\\d+)\\)").matcher(syntax);
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
            Cause cause = MibCodes.causeOf(Integer.parseInt(m.group(2)));
            assertThat(MibCodes.cause(cause)).isEqualTo(Integer.parseInt(m.group(2)));
            assertThat(camel(cause.yangName())).as("label of %s", cause).isEqualTo(m.group(1));
        }
        assertThat(labels).hasSize(Cause.values().length);
    }

    private static String camel(String yang) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : yang.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static List<String> definedNames() throws Exception {
        String mib = Files.readString(Cli.MIB_DIR.resolve("IPMP-MIB.txt"));
        Matcher m = Pattern.compile("(?m)^(ipmp\\w+)\\s+(OBJECT-TYPE|NOTIFICATION-TYPE|OBJECT-GROUP|NOTIFICATION-GROUP"
                + "|MODULE-COMPLIANCE|MODULE-IDENTITY)").matcher(mib);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}

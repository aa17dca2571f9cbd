package net.ipmpd.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writtenTextParsesBackToTheSameTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t bell \u0007 line-sep \u2028 é");
        m.put("n", -1234567890123L);
        m.put("t", true);
        m.put("f", false);
        m.put("z", null);
        m.put("l", List.of(1L, "two", List.of(), Map.of()));
        String text = JsonWriter.write(m);
        assertThat(text).doesNotContain("\n").doesNotContain("\u2028");
        assertThat(JsonParser.parse(text)).isEqualTo(m);
    }

    @Test
    void controlCharactersAreEscapedAsUnicode() {
        assertThat(JsonWriter.write("a\u0001b")).isEqualTo("\"a\\u0001b\"");
    }

    @Test
    void whitespaceAndEscapesFromOtherWritersAreAccepted() {
        assertThat(JsonParser.parse(" { \"a\" : [ 1 , \"\\u0041\\/\" ] } ")).isEqualTo(Map.of("a", List.of(1L, "A/")));
    }

    @Test
    void malformedTextIsRefusedNamingTheOffset() {
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,}")).hasMessageContaining("offset 7");
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1} x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate member \"a\"");
        assertThatThrownBy(() -> JsonParser.parse("[1.5]")).hasMessageContaining("only integers");
        assertThatThrownBy(() -> JsonParser.parse("\"abc")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> JsonParser.parse("99999999999999999999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> JsonParser.parse("\"a\u0001\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> JsonParser.parse("")).hasMessageContaining("end of input");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 2) + "]".repeat(JsonParser.MAX_DEPTH + 2);
        assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nested deeper");
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertThat(JsonParser.parse(ok)).isInstanceOf(List.class);
    }
}

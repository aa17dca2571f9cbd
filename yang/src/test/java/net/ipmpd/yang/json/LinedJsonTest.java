package net.ipmpd.yang.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import net.ipmpd.yang.json.LinedJson.Arr;
import net.ipmpd.yang.json.LinedJson.Obj;
import org.junit.jupiter.api.Test;

class LinedJsonTest {
    private static LinedJson.SyntaxError error(String text) {
        return catchThrowableOfType(LinedJson.SyntaxError.class, () -> LinedJson.parse(text));
    }

    @Test
    void everyMemberAndValueKnowsItsLine() throws Exception {
        Obj o = (Obj) LinedJson.parse("{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    {\"c\": true}\n  ]\n}");
        assertThat(o.line()).isEqualTo(1);
        assertThat(o.member("a").orElseThrow().line()).isEqualTo(2);
        assertThat(o.member("b").orElseThrow().line()).isEqualTo(3);
        Arr b = (Arr) o.get("b").orElseThrow();
        assertThat(b.items()).extracting(LinedJson.Value::line).containsExactly(4, 5);
        assertThat(o.get("a").orElseThrow()).isEqualTo(new LinedJson.Num(2, "1"));
    }

    @Test
    void stringsAreUnescapedAndNumbersKeptAsWritten() throws Exception {
        Obj o = (Obj) LinedJson.parse("{\"s\": \"a\\\"b\\u0041\\n\", \"n\": -1.50e3, \"z\": null}");
        assertThat(o.get("s").orElseThrow()).isEqualTo(new LinedJson.Str(1, "a\"bA\n"));
        assertThat(o.get("n").orElseThrow()).isEqualTo(new LinedJson.Num(1, "-1.50e3"));
        assertThat(o.get("z").orElseThrow()).isEqualTo(new LinedJson.Null(1));
    }

    @Test
    void aMemberGivenTwiceIsRefusedAtItsSecondLine() {
        LinedJson.SyntaxError e = error("{\n \"listen\": {},\n \"listen\": {}\n}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("\"listen\" is given twice (first at line 2)");
    }

    @Test
    void aSyntaxErrorNamesItsLineAndTheMembersAboveIt() {
        LinedJson.SyntaxError e = error("{\n \"a\": [\n  {\"b\": 1},\n  {\"c\": 2,,}\n ]\n}");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("expected a member name");
        assertThat(e.where()).isEqualTo(List.of("a", 1));
    }

    @Test
    void malformedTextIsRefusedWithWhatWasExpected() {
        assertThat(error("").getMessage()).startsWith("the file is empty");
        assertThat(error("{\"a\": 1} x").getMessage()).isEqualTo("unexpected text after the JSON value");
        assertThat(error("{\"a\": tru}").getMessage()).contains("a string must be quoted");
        assertThat(error("{\"a\": 01}").getMessage()).contains("in a number");
        assertThat(error("{\"a\": \"x\n\"}").getMessage()).contains("not closed");
        assertThat(error("{\n\"a\": 1,\n").line()).isEqualTo(3);
        assertThat(error("[1 2]").getMessage()).isEqualTo("expected ',' or ']' in an array");
    }
}

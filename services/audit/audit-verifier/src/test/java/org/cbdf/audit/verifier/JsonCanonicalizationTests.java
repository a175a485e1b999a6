package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** RFC 8785 (JSON Canonicalization Scheme) examples: §3.2.2 and §3.2.3, and Appendix B's numbers. */
class JsonCanonicalizationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theRfcsSampleCanonicalisesToItsPublishedBytes() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;

        byte[] canonical = CanonicalJson.canonicalize(json.readTree(input));

        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        // §3.2.4: the output is UTF-8, the euro sign literally as e2 82 ac, not escaped
        assertThat(HexFormat.of().formatHex(canonical)).contains("22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f22");
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsRecursivelyAndArraysKeepTheirOrder() {
        // RFC 8785 §3.2.3: the surrogate pair of U+1F600 (0xD83D…) sorts before U+FB33
        String input = """
                {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
                 "\\u00f6": "Latin Small Letter O With Diaeresis",
                 "nested": {"b": [3, 1, 2], "a": {"d": 1, "c": 2}}}
                """;

        String canonical = CanonicalJson.canonicalString(json.readTree(input));

        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"nested\":{\"a\":{\"c\":2,\"d\":1},\"b\":[3,1,2]},\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void whitespaceAndMemberOrderOfTheInputDoNotMatter() {
        String compact = CanonicalJson.canonicalString(json.readTree("{\"b\":1,\"a\":[true,{\"y\":null,\"x\":\"\"}]}"));
        String pretty = CanonicalJson.canonicalString(json.readTree("""
                {
                  "a" : [ true, { "x" : "", "y" : null } ],
                  "b" : 1.0
                }
                """));

        assertThat(pretty).isEqualTo(compact).isEqualTo("{\"a\":[true,{\"x\":\"\",\"y\":null}],\"b\":1}");
    }

    @Test
    void controlCharactersAreEscapedInLowerCaseHexAndEverythingElseIsLiteral() {
        ObjectNode value = JsonNodeFactory.instance.objectNode()
                .put("s", "tab\there \u0001\u001f \u007f \u2028 / é 😀 \"q\" \\");

        assertThat(CanonicalJson.canonicalString(value))
                .isEqualTo("{\"s\":\"tab\\there \\u0001\\u001f \u007f \u2028 / é 😀 \\\"q\\\" \\\\\"}");
    }

    @Test
    void loneSurrogatesAreRefused() {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("s", "broken \uD83D pair");

        assertThatThrownBy(() -> CanonicalJson.canonicalize(value))
                .isInstanceOf(CanonicalJson.NotCanonicalizableException.class).hasMessageContaining("surrogate");
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    @ParameterizedTest(name = "0x{0} → {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2" })
    void numbersPrintAsEcmaScriptDoes(String ieee754, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThat(CanonicalJson.number(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "0x{0} is refused")
    @CsvSource({ "7fffffffffffffff", "7ff0000000000000", "fff0000000000000" })
    void nanAndInfinitiesAreRefused(String ieee754) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThatThrownBy(() -> CanonicalJson.number(value))
                .isInstanceOf(CanonicalJson.NotCanonicalizableException.class);
    }

    @Test
    void integersAndSmallDecimalsPrintPlainly() {
        assertThat(CanonicalJson.canonicalString(json.readTree("[0, -0, 1, 10, 100, 120000, 1e21, 1e20, 0.1, -1.5, 1e-7]")))
                .isEqualTo("[0,0,1,10,100,120000,1e+21,100000000000000000000,0.1,-1.5,1e-7]");
    }
}

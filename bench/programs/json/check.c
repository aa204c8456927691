/* Host check: RFC 8259 section 13's examples, JSONTestSuite-style accept/reject cases, and
 * decoding of escapes (RFC 8259 section 7). */
#include <stdio.h>
#include <string.h>
#include "json.h"

static int failures;

static void expect(const char *text, int want) {
    uint32_t where;
    int got = json_validate((const uint8_t *)text, (uint32_t)strlen(text), JSON_MAX_DEPTH, &where);
    if (got != want) { printf("FAIL %s: %d, expected %d\n", text, got, want); failures++; }
}

int main(void) {
    const char *rfc1 =
        "{\"Image\": {\"Width\": 800, \"Height\": 600, \"Title\": \"View from 15th Floor\","
        " \"Thumbnail\": {\"Url\": \"http://www.example.com/image/481989943\", \"Height\": 125,"
        " \"Width\": 100}, \"Animated\" : false, \"IDs\": [116, 943, 234, 38793]}}";
    const char *rfc2 =
        "[{\"precision\": \"zip\", \"Latitude\": 37.7668, \"Longitude\": -122.3959, \"Address\": \"\","
        " \"City\": \"SAN FRANCISCO\", \"State\": \"CA\", \"Zip\": \"94107\", \"Country\": \"US\"},"
        " {\"precision\": \"zip\", \"Latitude\": 37.371991, \"Longitude\": -122.026020, \"Address\": \"\","
        " \"City\": \"SUNNYVALE\", \"State\": \"CA\", \"Zip\": \"94085\", \"Country\": \"US\"}]";
    expect(rfc1, JSON_OK);
    expect(rfc2, JSON_OK);
    expect("\"Hello world!\"", JSON_OK);
    expect("42", JSON_OK);
    expect("true", JSON_OK);
    expect("[1e+5, -0, 0.5e-3, 1E9, -12.25]", JSON_OK);
    expect("[\"\\u00e9\\ud834\\udd1e\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", JSON_OK);
    expect("[01]", JSON_ERR_NUMBER);
    expect("[1.]", JSON_ERR_NUMBER);
    expect("[-]", JSON_ERR_NUMBER);
    expect("[1e]", JSON_ERR_NUMBER);
    expect("[1,]", JSON_ERR_SYNTAX);
    expect("{\"a\" 1}", JSON_ERR_SYNTAX);
    expect("{\"a\":1,}", JSON_ERR_SYNTAX);
    expect("[\"\\x\"]", JSON_ERR_ESCAPE);
    expect("[\"\\ud800\"]", JSON_ERR_UNICODE);
    expect("[\"\\udc00\\ud800\"]", JSON_ERR_UNICODE);
    expect("[\"a\tb\"]", JSON_ERR_CONTROL);
    expect("[\"\xc0\xaf\"]", JSON_ERR_UTF8);
    expect("[\"\xed\xa0\x80\"]", JSON_ERR_UTF8);
    expect("[\"abc", JSON_ERR_UNTERMINATED);
    expect("[tru]", JSON_ERR_LITERAL);
    expect("[1] 2", JSON_ERR_TRAILING);
    expect("  ", JSON_ERR_EMPTY);
    expect("[1}", JSON_ERR_SYNTAX);
    expect("NaN", JSON_ERR_CHAR);
    uint32_t span[2];
    int found = json_find_key((const uint8_t *)rfc1, (uint32_t)strlen(rfc1), (const uint8_t *)"Image", 5, span);
    if (found != 1 || rfc1[span[0]] != '{' || rfc1[span[0] + span[1] - 1] != '}' || span[0] + span[1] + 1 != strlen(rfc1)) {
        printf("FAIL find Image\n"); failures++;
    }
    uint8_t out[64];
    const char *lit = "\"\\u00e9\\ud834\\udd1e\\n\"";
    int n = json_unescape((const uint8_t *)lit, (uint32_t)strlen(lit), out, sizeof out);
    if (n != 7 || memcmp(out, "\xc3\xa9\xf0\x9d\x84\x9e\n", 7) != 0) { printf("FAIL unescape %d\n", n); failures++; }
    uint32_t counts[13];
    json_stats((const uint8_t *)rfc1, (uint32_t)strlen(rfc1), counts);
    if (counts[0] != 3 || counts[1] != 1 || counts[4] != 8 || counts[9] != 3) { printf("FAIL stats\n"); failures++; }
    printf("json: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}

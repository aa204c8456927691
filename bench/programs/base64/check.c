/* Host check against RFC 4648 section 10's vectors, and error cases. */
#include <stdio.h>
#include <string.h>
#include "b64.h"

static int failures;

static void check_int(const char *what, int got, int want) {
    if (got != want) { printf("FAIL %s: %d, expected %d\n", what, got, want); failures++; }
}

int main(void) {
    const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    uint8_t out[128], back[128];
    for (int i = 0; i < 7; i++) {
        uint32_t n = (uint32_t)strlen(plain[i]);
        int m = b64_encode((const uint8_t *)plain[i], n, out, sizeof out, 0);
        if (m != (int)strlen(coded[i]) || memcmp(out, coded[i], (size_t)m) != 0) { printf("FAIL encode %s\n", plain[i]); failures++; }
        int k = b64_decode((const uint8_t *)coded[i], (uint32_t)strlen(coded[i]), back, sizeof back, B64_STRICT);
        if (k != (int)n || memcmp(back, plain[i], n) != 0) { printf("FAIL decode %s\n", coded[i]); failures++; }
        check_int("validate", b64_validate((const uint8_t *)coded[i], (uint32_t)strlen(coded[i]), 0), (int)n);
    }
    check_int("nopad encode", b64_encode((const uint8_t *)"fo", 2, out, sizeof out, B64_NOPAD), 3);
    check_int("url", b64_encode((const uint8_t *)"\xfb\xff", 2, out, sizeof out, B64_URL), 4);
    if (memcmp(out, "-_8=", 4) != 0) { printf("FAIL url alphabet\n"); failures++; }
    check_int("bad char", b64_decode((const uint8_t *)"Zm9v!A==", 8, back, sizeof back, 0), B64_ERR_CHAR);
    check_int("missing pad", b64_decode((const uint8_t *)"Zm8", 3, back, sizeof back, 0), B64_ERR_PADDING);
    check_int("nopad ok", b64_decode((const uint8_t *)"Zm8", 3, back, sizeof back, B64_NOPAD), 2);
    check_int("one left", b64_decode((const uint8_t *)"Zm9vY", 5, back, sizeof back, B64_NOPAD), B64_ERR_LENGTH);
    check_int("pad early", b64_decode((const uint8_t *)"Z===", 4, back, sizeof back, 0), B64_ERR_PADDING);
    check_int("after pad", b64_decode((const uint8_t *)"Zg==Zm8=", 8, back, sizeof back, 0), B64_ERR_PADDING);
    check_int("trailing", b64_decode((const uint8_t *)"Zh==", 4, back, sizeof back, B64_STRICT), B64_ERR_TRAILING);
    check_int("space", b64_decode((const uint8_t *)"Zm9v", 4, back, 2, 0), B64_ERR_SPACE);
    int m = b64_encode_lines((const uint8_t *)"foobarfoobar", 12, out, sizeof out, 8);
    check_int("lines", m, 20);
    if (memcmp(out, "Zm9vYmFy\r\nZm9vYmFy\r\n", 20) != 0) { printf("FAIL lines\n"); failures++; }
    check_int("lines back", b64_decode_lines(out, (uint32_t)m, back, sizeof back, 0), 12);
    uint8_t state[4] = {0, 0, 0, 0};
    int a = b64_stream_encode(state, (const uint8_t *)"fo", 2, out, sizeof out);
    int b = b64_stream_encode(state, (const uint8_t *)"oba", 3, out + a, sizeof out);
    int c = b64_stream_finish(state, out + a + b, sizeof out);
    if (a + b + c != 8 || memcmp(out, "Zm9vYmE=", 8) != 0) { printf("FAIL stream\n"); failures++; }
    printf("base64: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}

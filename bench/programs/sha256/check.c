/* Host check against published vectors (FIPS 180-4 examples, RFC 4231): bench/programs/check.sh. */
#include <stdio.h>
#include <string.h>
#include "sha256.h"

static int failures;

static void expect_hex(const char *what, const uint8_t *got, const char *hex) {
    char text[2 * SHA256_DIGEST + 1];
    for (int i = 0; i < SHA256_DIGEST; i++) sprintf(text + 2 * i, "%02x", got[i]);
    if (strcmp(text, hex) != 0) {
        printf("FAIL %s: %s, expected %s\n", what, text, hex);
        failures++;
    }
}

int main(void) {
    uint8_t out[32];
    sha256_ctx ctx;
    sha256_oneshot((const uint8_t *)"abc", 3, out);
    expect_hex("abc", out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_oneshot((const uint8_t *)"", 0, out);
    expect_hex("empty", out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_oneshot((const uint8_t *)m2, (uint32_t)strlen(m2), out);
    expect_hex("448 bits", out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    static uint8_t million[1000000];
    memset(million, 'a', sizeof million);
    sha256_oneshot(million, sizeof million, out);
    expect_hex("million a", out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    sha256_chunked(&ctx, million, sizeof million, 997, out);
    expect_hex("million a in 997s", out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    uint8_t key1[20];
    memset(key1, 0x0b, 20);
    hmac_sha256(key1, 20, (const uint8_t *)"Hi There", 8, out);
    expect_hex("rfc4231 1", out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)"what do ya want for nothing?", 28, out);
    expect_hex("rfc4231 2", out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    uint8_t key6[131];
    memset(key6, 0xaa, sizeof key6);
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    hmac_sha256(key6, 131, (const uint8_t *)m6, (uint32_t)strlen(m6), out);
    expect_hex("rfc4231 6", out, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    if (sha256_update(&ctx, out, 1) != SHA256_ERR_STATE) { printf("FAIL update after final\n"); failures++; }
    printf("sha256: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}

/* Host check against published vectors (FIPS-197 appendices, SP 800-38A F.1.1, F.2.1, F.5.1). */
#include <stdio.h>
#include <string.h>
#include "aes.h"

static int failures;

static void unhex(const char *hex, uint8_t *out) {
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

static void expect(const char *what, const uint8_t *got, const char *hex) {
    uint8_t want[256];
    size_t n = strlen(hex) / 2;
    unhex(hex, want);
    if (memcmp(got, want, n) != 0) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

int main(void) {
    uint8_t key[16], rk[AES128_SCHEDULE], pt[64], ct[80], back[80], ctr[16], iv[16];
    unhex("000102030405060708090a0b0c0d0e0f", key);
    unhex("00112233445566778899aabbccddeeff", pt);
    aes128_expand(key, rk);
    aes128_encrypt_block(rk, pt, ct);
    expect("FIPS-197 C.1 encrypt", ct, "69c4e0d86a7b0430d8cdb78070b4c55a");
    aes128_decrypt_block(rk, ct, back);
    expect("FIPS-197 C.1 decrypt", back, "00112233445566778899aabbccddeeff");

    unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
    aes128_expand(key, rk);
    expect("FIPS-197 A.1 w[40..43]", rk + 160, "d014f9a8c9ee2589e13f0cc8b6630ca6");
    unhex("3243f6a8885a308d313198a2e0370734", pt);
    aes128_encrypt_block(rk, pt, ct);
    expect("FIPS-197 B", ct, "3925841d02dc09fbdc118597196a0b32");

    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710", pt);
    aes128_ecb_encrypt(rk, pt, ct, 64);
    expect("SP 800-38A F.1.1", ct, "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
                                   "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4");
    aes128_ecb_decrypt(rk, ct, back, 64);
    expect("SP 800-38A F.1.2", back, "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
    if (aes128_ecb_encrypt(rk, pt, ct, 15) != AES_ERR_LENGTH) { printf("FAIL ecb length\n"); failures++; }

    unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", ctr);
    aes128_ctr(key, ctr, pt, ct, 64);
    expect("SP 800-38A F.5.1", ct, "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                                   "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");

    unhex("000102030405060708090a0b0c0d0e0f", iv);
    int n = aes128_cbc_encrypt(key, iv, pt, 64, ct, sizeof ct);
    expect("SP 800-38A F.2.1", ct, "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                                   "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7");
    if (n != 80) { printf("FAIL cbc length %d\n", n); failures++; }
    n = aes128_cbc_decrypt(key, iv, ct, 80, back, sizeof back);
    if (n != 64 || memcmp(back, pt, 64) != 0) { printf("FAIL cbc round trip %d\n", n); failures++; }
    ct[79] ^= 1;
    if (aes128_cbc_decrypt(key, iv, ct, 80, back, sizeof back) != AES_ERR_PADDING) { printf("FAIL padding\n"); failures++; }
    printf("aes128: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}

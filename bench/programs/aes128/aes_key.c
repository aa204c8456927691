/* AES-128 key expansion (FIPS-197 5.2) and block helpers. */
#include "aes.h"

static void rot_word(uint8_t w[4]) {
    uint8_t t = w[0];
    w[0] = w[1];
    w[1] = w[2];
    w[2] = w[3];
    w[3] = t;
}

static void sub_word(uint8_t w[4]) {
    for (unsigned i = 0; i < 4; i++) {
        w[i] = aes_sbox[w[i]];
    }
}

/* 44 words; every fourth is the previous one rotated, substituted and xored with rcon. */
int aes128_expand(const uint8_t key[16], uint8_t rk[AES128_SCHEDULE]) {
    uint8_t rcon = 0x01;
    for (unsigned i = 0; i < 16; i++) {
        rk[i] = key[i];
    }
    for (unsigned i = 4; i < 4 * (AES128_ROUNDS + 1); i++) {
        uint8_t temp[4];
        for (unsigned j = 0; j < 4; j++) {
            temp[j] = rk[4 * (i - 1) + j];
        }
        if (i % 4 == 0) {
            rot_word(temp);
            sub_word(temp);
            temp[0] ^= rcon;
            rcon = aes_xtime(rcon);
        }
        for (unsigned j = 0; j < 4; j++) {
            rk[4 * i + j] = (uint8_t)(rk[4 * (i - 4) + j] ^ temp[j]);
        }
    }
    return AES_OK;
}

void aes_xor_block(uint8_t *dst, const uint8_t *a, const uint8_t *b) {
    for (unsigned i = 0; i < AES_BLOCK; i++) {
        dst[i] = (uint8_t)(a[i] ^ b[i]);
    }
}

void aes_copy_block(uint8_t *dst, const uint8_t *src) {
    for (unsigned i = 0; i < AES_BLOCK; i++) {
        dst[i] = src[i];
    }
}

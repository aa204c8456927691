/* The AES-128 cipher and its inverse (FIPS-197 5.1, 5.3) on a column-major 16-byte state. */
#include "aes.h"

static void add_round_key(uint8_t s[16], const uint8_t *k) {
    for (unsigned i = 0; i < 16; i++) {
        s[i] ^= k[i];
    }
}

static void sub_bytes(uint8_t s[16]) {
    for (unsigned i = 0; i < 16; i++) {
        s[i] = aes_sbox[s[i]];
    }
}

static void inv_sub_bytes(uint8_t s[16]) {
    for (unsigned i = 0; i < 16; i++) {
        s[i] = aes_inv_sbox[s[i]];
    }
}

/* Row r moves left by r: byte (r, c) is s[r + 4c]. */
static void shift_rows(uint8_t s[16]) {
    uint8_t t = s[1];
    s[1] = s[5];
    s[5] = s[9];
    s[9] = s[13];
    s[13] = t;
    t = s[2];
    s[2] = s[10];
    s[10] = t;
    t = s[6];
    s[6] = s[14];
    s[14] = t;
    t = s[15];
    s[15] = s[11];
    s[11] = s[7];
    s[7] = s[3];
    s[3] = t;
}

static void inv_shift_rows(uint8_t s[16]) {
    uint8_t t = s[13];
    s[13] = s[9];
    s[9] = s[5];
    s[5] = s[1];
    s[1] = t;
    t = s[2];
    s[2] = s[10];
    s[10] = t;
    t = s[6];
    s[6] = s[14];
    s[14] = t;
    t = s[3];
    s[3] = s[7];
    s[7] = s[11];
    s[11] = s[15];
    s[15] = t;
}

static void mix_columns(uint8_t s[16]) {
    for (unsigned c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        uint8_t all = (uint8_t)(a0 ^ a1 ^ a2 ^ a3);
        col[0] = (uint8_t)(a0 ^ all ^ aes_xtime((uint8_t)(a0 ^ a1)));
        col[1] = (uint8_t)(a1 ^ all ^ aes_xtime((uint8_t)(a1 ^ a2)));
        col[2] = (uint8_t)(a2 ^ all ^ aes_xtime((uint8_t)(a2 ^ a3)));
        col[3] = (uint8_t)(a3 ^ all ^ aes_xtime((uint8_t)(a3 ^ a0)));
    }
}

static void inv_mix_columns(uint8_t s[16]) {
    for (unsigned c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        col[0] = (uint8_t)(aes_mul(a0, 14) ^ aes_mul(a1, 11) ^ aes_mul(a2, 13) ^ aes_mul(a3, 9));
        col[1] = (uint8_t)(aes_mul(a0, 9) ^ aes_mul(a1, 14) ^ aes_mul(a2, 11) ^ aes_mul(a3, 13));
        col[2] = (uint8_t)(aes_mul(a0, 13) ^ aes_mul(a1, 9) ^ aes_mul(a2, 14) ^ aes_mul(a3, 11));
        col[3] = (uint8_t)(aes_mul(a0, 11) ^ aes_mul(a1, 13) ^ aes_mul(a2, 9) ^ aes_mul(a3, 14));
    }
}

/* in and out may be the same block. */
void aes128_encrypt_block(const uint8_t rk[AES128_SCHEDULE], const uint8_t in[16], uint8_t out[16]) {
    uint8_t s[16];
    aes_copy_block(s, in);
    add_round_key(s, rk);
    for (unsigned round = 1; round < AES128_ROUNDS; round++) {
        sub_bytes(s);
        shift_rows(s);
        mix_columns(s);
        add_round_key(s, rk + AES_BLOCK * round);
    }
    sub_bytes(s);
    shift_rows(s);
    add_round_key(s, rk + AES_BLOCK * AES128_ROUNDS);
    aes_copy_block(out, s);
}

void aes128_decrypt_block(const uint8_t rk[AES128_SCHEDULE], const uint8_t in[16], uint8_t out[16]) {
    uint8_t s[16];
    aes_copy_block(s, in);
    add_round_key(s, rk + AES_BLOCK * AES128_ROUNDS);
    for (unsigned round = AES128_ROUNDS - 1; round > 0; round--) {
        inv_shift_rows(s);
        inv_sub_bytes(s);
        add_round_key(s, rk + AES_BLOCK * round);
        inv_mix_columns(s);
    }
    inv_shift_rows(s);
    inv_sub_bytes(s);
    add_round_key(s, rk);
    aes_copy_block(out, s);
}

/* AES-128 (FIPS-197) with ECB, CTR and CBC/PKCS#7 modes (SP 800-38A), freestanding. */
#ifndef AES_H
#define AES_H
#include <stddef.h>
#include <stdint.h>

#define AES_BLOCK 16
#define AES128_ROUNDS 10
#define AES128_SCHEDULE (AES_BLOCK * (AES128_ROUNDS + 1)) /* 176 bytes of round keys */

enum {
    AES_OK = 0,
    AES_ERR_LENGTH = -1,   /* not a whole number of blocks (or empty where a block is needed) */
    AES_ERR_SPACE = -2,    /* the output buffer is too small */
    AES_ERR_PADDING = -3,  /* PKCS#7 padding does not check out */
};

/* aes_tables.c */
extern const uint8_t aes_sbox[256];
extern const uint8_t aes_inv_sbox[256];
uint8_t aes_xtime(uint8_t x);
uint8_t aes_mul(uint8_t x, uint8_t y);

/* aes_key.c */
int aes128_expand(const uint8_t key[16], uint8_t rk[AES128_SCHEDULE]);
void aes_xor_block(uint8_t *dst, const uint8_t *a, const uint8_t *b);
void aes_copy_block(uint8_t *dst, const uint8_t *src);

/* aes_block.c */
void aes128_encrypt_block(const uint8_t rk[AES128_SCHEDULE], const uint8_t in[16], uint8_t out[16]);
void aes128_decrypt_block(const uint8_t rk[AES128_SCHEDULE], const uint8_t in[16], uint8_t out[16]);

/* aes_modes.c */
int aes128_ecb_encrypt(const uint8_t *rk, const uint8_t *in, uint8_t *out, uint32_t len);
int aes128_ecb_decrypt(const uint8_t *rk, const uint8_t *in, uint8_t *out, uint32_t len);
int aes128_ctr(const uint8_t *key, uint8_t *counter, const uint8_t *in, uint8_t *out, uint32_t len);
int aes128_cbc_encrypt(const uint8_t *key, const uint8_t *iv, const uint8_t *in, uint32_t len, uint8_t *out,
                       uint32_t outcap);
int aes128_cbc_decrypt(const uint8_t *key, const uint8_t *iv, const uint8_t *in, uint32_t len, uint8_t *out,
                       uint32_t outcap);

#endif

/* SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), freestanding. */
#ifndef SHA256_H
#define SHA256_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_BLOCK 64
#define SHA256_DIGEST 32
#define SHA256_MAGIC 0x53484132u /* "SHA2": a context that has been initialised */
#define SHA256_DONE 0x444f4e45u  /* "DONE": finalised, update refused until re-init */

/* The context lives in the caller's memory (112 bytes), as a driver's would. */
typedef struct {
    uint32_t state[8];
    uint32_t count_lo;  /* message length in bytes, 64 bits as two words */
    uint32_t count_hi;
    uint32_t buffered;  /* bytes waiting in block[] */
    uint32_t magic;
    uint8_t block[SHA256_BLOCK];
} sha256_ctx;

enum {
    SHA256_OK = 0,
    SHA256_ERR_STATE = -1,   /* context not initialised, or already finalised */
    SHA256_ERR_LENGTH = -2,  /* message longer than 2^61 - 1 bytes */
    SHA256_ERR_ARG = -3,     /* bad argument (chunk size 0, key too long for the buffer) */
};

/* sha256_util.c */
uint32_t sha256_load_be32(const uint8_t *p);
void sha256_store_be32(uint8_t *p, uint32_t v);
void sha256_copy(uint8_t *dst, const uint8_t *src, uint32_t n);
void sha256_fill(uint8_t *dst, uint8_t v, uint32_t n);
int sha256_equal_ct(const uint8_t *a, const uint8_t *b, uint32_t n);

/* sha256_block.c */
void sha256_compress(uint32_t state[8], const uint8_t block[SHA256_BLOCK]);
void sha256_compress_blocks(uint32_t state[8], const uint8_t *data, uint32_t blocks);

/* sha256.c */
int sha256_init(sha256_ctx *ctx);
int sha256_update(sha256_ctx *ctx, const uint8_t *data, uint32_t len);
int sha256_final(sha256_ctx *ctx, uint8_t out[SHA256_DIGEST]);
int sha256_oneshot(const uint8_t *data, uint32_t len, uint8_t out[SHA256_DIGEST]);
int sha256_chunked(sha256_ctx *ctx, const uint8_t *data, uint32_t len, uint32_t chunk, uint8_t out[SHA256_DIGEST]);

/* sha256_hmac.c */
int hmac_sha256(const uint8_t *key, uint32_t keylen, const uint8_t *msg, uint32_t msglen,
                uint8_t out[SHA256_DIGEST]);
int hmac_sha256_verify(const uint8_t *key, uint32_t keylen, const uint8_t *msg, uint32_t msglen,
                       const uint8_t *tag, uint32_t taglen);
int sha256_verify(const uint8_t *data, uint32_t len, const uint8_t *expected);

#endif

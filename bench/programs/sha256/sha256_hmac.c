/* HMAC-SHA-256 (RFC 2104, vectors of RFC 4231) and digest checks, over the streaming API. */
#include "sha256.h"

#define IPAD 0x36u
#define OPAD 0x5cu

/* The key as one block: hashed first when longer than a block, zero-padded. */
static void hmac_key_block(const uint8_t *key, uint32_t keylen, uint8_t block[SHA256_BLOCK]) {
    sha256_fill(block, 0, SHA256_BLOCK);
    if (keylen > SHA256_BLOCK) {
        sha256_oneshot(key, keylen, block);
    } else {
        sha256_copy(block, key, keylen);
    }
}

static void xor_pad(uint8_t *dst, const uint8_t *src, uint8_t pad) {
    for (unsigned i = 0; i < SHA256_BLOCK; i++) {
        dst[i] = (uint8_t)(src[i] ^ pad);
    }
}

int hmac_sha256(const uint8_t *key, uint32_t keylen, const uint8_t *msg, uint32_t msglen,
                uint8_t out[SHA256_DIGEST]) {
    uint8_t k0[SHA256_BLOCK];
    uint8_t pad[SHA256_BLOCK];
    uint8_t inner[SHA256_DIGEST];
    sha256_ctx ctx;
    hmac_key_block(key, keylen, k0);

    xor_pad(pad, k0, IPAD);
    sha256_init(&ctx);
    sha256_update(&ctx, pad, SHA256_BLOCK);
    int status = sha256_update(&ctx, msg, msglen);
    if (status != SHA256_OK) {
        return status;
    }
    sha256_final(&ctx, inner);

    xor_pad(pad, k0, OPAD);
    sha256_init(&ctx);
    sha256_update(&ctx, pad, SHA256_BLOCK);
    sha256_update(&ctx, inner, SHA256_DIGEST);
    return sha256_final(&ctx, out);
}

/* 1 when the first taglen bytes of the HMAC equal tag (RFC 4231 truncates to 16 in case 5),
 * 0 when not, an error for a tag shorter than 4 or longer than the digest. */
int hmac_sha256_verify(const uint8_t *key, uint32_t keylen, const uint8_t *msg, uint32_t msglen,
                       const uint8_t *tag, uint32_t taglen) {
    uint8_t mac[SHA256_DIGEST];
    if (taglen < 4 || taglen > SHA256_DIGEST) {
        return SHA256_ERR_ARG;
    }
    int status = hmac_sha256(key, keylen, msg, msglen, mac);
    if (status != SHA256_OK) {
        return status;
    }
    return sha256_equal_ct(mac, tag, taglen);
}

/* 1 when the message's digest is `expected`, 0 when not. */
int sha256_verify(const uint8_t *data, uint32_t len, const uint8_t *expected) {
    uint8_t digest[SHA256_DIGEST];
    int status = sha256_oneshot(data, len, digest);
    if (status != SHA256_OK) {
        return status;
    }
    return sha256_equal_ct(digest, expected, SHA256_DIGEST);
}

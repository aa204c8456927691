/* The streaming SHA-256 API: init, update in any pieces, final; and one-shot helpers. */
#include "sha256.h"

static const uint32_t H0[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

int sha256_init(sha256_ctx *ctx) {
    for (unsigned i = 0; i < 8; i++) {
        ctx->state[i] = H0[i];
    }
    ctx->count_lo = 0;
    ctx->count_hi = 0;
    ctx->buffered = 0;
    ctx->magic = SHA256_MAGIC;
    sha256_fill(ctx->block, 0, SHA256_BLOCK);
    return SHA256_OK;
}

/* Adds len to the 64-bit byte count; refuses a total past 2^61 - 1 bytes (2^64 bits). */
static int count_bytes(sha256_ctx *ctx, uint32_t len) {
    uint32_t lo = ctx->count_lo + len;
    uint32_t hi = ctx->count_hi + (lo < ctx->count_lo ? 1u : 0u);
    if (hi > 0x1fffffffu) {
        return SHA256_ERR_LENGTH;
    }
    ctx->count_lo = lo;
    ctx->count_hi = hi;
    return SHA256_OK;
}

int sha256_update(sha256_ctx *ctx, const uint8_t *data, uint32_t len) {
    if (ctx->magic != SHA256_MAGIC) {
        return SHA256_ERR_STATE;
    }
    int status = count_bytes(ctx, len);
    if (status != SHA256_OK) {
        return status;
    }
    if (ctx->buffered > 0) {
        uint32_t room = SHA256_BLOCK - ctx->buffered;
        uint32_t take = len < room ? len : room;
        sha256_copy(ctx->block + ctx->buffered, data, take);
        ctx->buffered += take;
        data += take;
        len -= take;
        if (ctx->buffered < SHA256_BLOCK) {
            return SHA256_OK;
        }
        sha256_compress(ctx->state, ctx->block);
        ctx->buffered = 0;
    }
    uint32_t blocks = len / SHA256_BLOCK;
    sha256_compress_blocks(ctx->state, data, blocks);
    data += blocks * SHA256_BLOCK;
    len -= blocks * SHA256_BLOCK;
    sha256_copy(ctx->block, data, len);
    ctx->buffered = len;
    return SHA256_OK;
}

/* Pads (0x80, zeros, the bit length big-endian), writes the digest, and retires the context. */
int sha256_final(sha256_ctx *ctx, uint8_t out[SHA256_DIGEST]) {
    if (ctx->magic != SHA256_MAGIC) {
        return SHA256_ERR_STATE;
    }
    uint32_t n = ctx->buffered;
    ctx->block[n++] = 0x80;
    if (n > SHA256_BLOCK - 8) {
        sha256_fill(ctx->block + n, 0, SHA256_BLOCK - n);
        sha256_compress(ctx->state, ctx->block);
        n = 0;
    }
    sha256_fill(ctx->block + n, 0, SHA256_BLOCK - 8 - n);
    uint32_t bits_hi = (ctx->count_hi << 3) | (ctx->count_lo >> 29);
    uint32_t bits_lo = ctx->count_lo << 3;
    sha256_store_be32(ctx->block + SHA256_BLOCK - 8, bits_hi);
    sha256_store_be32(ctx->block + SHA256_BLOCK - 4, bits_lo);
    sha256_compress(ctx->state, ctx->block);
    for (unsigned i = 0; i < 8; i++) {
        sha256_store_be32(out + 4 * i, ctx->state[i]);
    }
    ctx->magic = SHA256_DONE;
    ctx->buffered = 0;
    return SHA256_OK;
}

int sha256_oneshot(const uint8_t *data, uint32_t len, uint8_t out[SHA256_DIGEST]) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    int status = sha256_update(&ctx, data, len);
    if (status != SHA256_OK) {
        return status;
    }
    return sha256_final(&ctx, out);
}

/* The same message fed in pieces of `chunk` bytes (the last one shorter): the digest must not
 * depend on how the message was cut. */
int sha256_chunked(sha256_ctx *ctx, const uint8_t *data, uint32_t len, uint32_t chunk,
                   uint8_t out[SHA256_DIGEST]) {
    if (chunk == 0) {
        return SHA256_ERR_ARG;
    }
    sha256_init(ctx);
    while (len > 0) {
        uint32_t n = len < chunk ? len : chunk;
        int status = sha256_update(ctx, data, n);
        if (status != SHA256_OK) {
            return status;
        }
        data += n;
        len -= n;
    }
    return sha256_final(ctx, out);
}

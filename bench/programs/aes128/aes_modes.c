/* Modes of operation (SP 800-38A): ECB, CTR with a 128-bit big-endian counter, and CBC with
 * PKCS#7 padding (RFC 5652 6.3), whose removal checks every padding byte. */
#include "aes.h"

int aes128_ecb_encrypt(const uint8_t *rk, const uint8_t *in, uint8_t *out, uint32_t len) {
    if (len % AES_BLOCK != 0) {
        return AES_ERR_LENGTH;
    }
    for (uint32_t off = 0; off < len; off += AES_BLOCK) {
        aes128_encrypt_block(rk, in + off, out + off);
    }
    return AES_OK;
}

int aes128_ecb_decrypt(const uint8_t *rk, const uint8_t *in, uint8_t *out, uint32_t len) {
    if (len % AES_BLOCK != 0) {
        return AES_ERR_LENGTH;
    }
    for (uint32_t off = 0; off < len; off += AES_BLOCK) {
        aes128_decrypt_block(rk, in + off, out + off);
    }
    return AES_OK;
}

/* Adds one to the 128-bit big-endian counter, carrying through all 16 bytes. */
static void counter_increment(uint8_t counter[16]) {
    for (int i = AES_BLOCK - 1; i >= 0; i--) {
        counter[i] = (uint8_t)(counter[i] + 1);
        if (counter[i] != 0) {
            break;
        }
    }
}

/* Encrypts or decrypts len bytes (any length); the counter is left at the next unused block,
 * so a message can be processed in pieces of whole blocks. Returns the blocks used. */
int aes128_ctr(const uint8_t *key, uint8_t *counter, const uint8_t *in, uint8_t *out, uint32_t len) {
    uint8_t rk[AES128_SCHEDULE];
    uint8_t stream[AES_BLOCK];
    int blocks = 0;
    aes128_expand(key, rk);
    while (len > 0) {
        uint32_t n = len < AES_BLOCK ? len : AES_BLOCK;
        aes128_encrypt_block(rk, counter, stream);
        counter_increment(counter);
        for (uint32_t i = 0; i < n; i++) {
            out[i] = (uint8_t)(in[i] ^ stream[i]);
        }
        in += n;
        out += n;
        len -= n;
        blocks++;
    }
    return blocks;
}

/* Pads with PKCS#7 (1 to 16 bytes, each the pad length) and encrypts; returns the ciphertext
 * length (len rounded up to the next whole block). */
int aes128_cbc_encrypt(const uint8_t *key, const uint8_t *iv, const uint8_t *in, uint32_t len, uint8_t *out,
                       uint32_t outcap) {
    uint8_t rk[AES128_SCHEDULE];
    uint8_t chain[AES_BLOCK];
    uint8_t block[AES_BLOCK];
    uint32_t total = (len / AES_BLOCK + 1) * AES_BLOCK;
    if (total > outcap || total < len) {
        return AES_ERR_SPACE;
    }
    aes128_expand(key, rk);
    aes_copy_block(chain, iv);
    for (uint32_t off = 0; off < total; off += AES_BLOCK) {
        for (uint32_t i = 0; i < AES_BLOCK; i++) {
            uint32_t at = off + i;
            block[i] = at < len ? in[at] : (uint8_t)(total - len);
        }
        aes_xor_block(block, block, chain);
        aes128_encrypt_block(rk, block, out + off);
        aes_copy_block(chain, out + off);
    }
    return (int)total;
}

/* Decrypts and removes the padding; returns the plaintext length. On bad padding nothing of
 * the plaintext is left in out (it is zeroed). */
int aes128_cbc_decrypt(const uint8_t *key, const uint8_t *iv, const uint8_t *in, uint32_t len, uint8_t *out,
                       uint32_t outcap) {
    uint8_t rk[AES128_SCHEDULE];
    uint8_t chain[AES_BLOCK];
    uint8_t next[AES_BLOCK];
    if (len == 0 || len % AES_BLOCK != 0) {
        return AES_ERR_LENGTH;
    }
    if (len > outcap) {
        return AES_ERR_SPACE;
    }
    aes128_expand(key, rk);
    aes_copy_block(chain, iv);
    for (uint32_t off = 0; off < len; off += AES_BLOCK) {
        aes_copy_block(next, in + off); /* in and out may be the same buffer */
        aes128_decrypt_block(rk, in + off, out + off);
        aes_xor_block(out + off, out + off, chain);
        aes_copy_block(chain, next);
    }
    uint8_t pad = out[len - 1];
    uint32_t bad = (pad == 0) | (pad > AES_BLOCK);
    for (uint32_t i = 1; i <= AES_BLOCK && !bad; i++) {
        if (i <= pad && out[len - i] != pad) {
            bad = 1;
        }
    }
    if (bad) {
        for (uint32_t i = 0; i < len; i++) {
            out[i] = 0;
        }
        return AES_ERR_PADDING;
    }
    return (int)(len - pad);
}

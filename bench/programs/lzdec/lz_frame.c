/* The LZ4 frame format (magic, descriptor with its checksum byte, blocks, end mark, content
 * checksum), as the lz4 command line tool writes and reads it; and a round-trip self-test. */
#include "lz.h"

#define FLG_VERSION 0x40u
#define FLG_BLOCK_INDEPENDENT 0x20u
#define FLG_BLOCK_CHECKSUM 0x10u
#define FLG_CONTENT_SIZE 0x08u
#define FLG_CONTENT_CHECKSUM 0x04u
#define FLG_DICT_ID 0x01u
#define BLOCK_UNCOMPRESSED 0x80000000u

static uint8_t header_checksum(const uint8_t *descriptor, uint32_t n) {
    return (uint8_t)(lz_xxh32(descriptor, n, 0) >> 8);
}

/* One frame, one block (inputs are at most 64 KiB), stored uncompressed when compression does
 * not pay; content checksum on. Returns the frame's length. */
int lz_frame_pack(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint8_t *work) {
    if (cap < 7 + 4 + 4 + 4) {
        return LZ_ERR_SPACE;
    }
    lz_write32(dst, LZ_FRAME_MAGIC);
    dst[4] = (uint8_t)(FLG_VERSION | FLG_BLOCK_INDEPENDENT | FLG_CONTENT_CHECKSUM);
    dst[5] = 0x40; /* blocks of at most 64 KiB */
    dst[6] = header_checksum(dst + 4, 2);
    uint32_t at = 7;
    if (len > 0) {
        uint32_t room = cap - at - 4 - 8;
        int n = lz_compress(src, len, dst + at + 4, room, work);
        if (n == LZ_ERR_INPUT) {
            return n;
        }
        if (n >= 0 && (uint32_t)n < len) {
            lz_write32(dst + at, (uint32_t)n);
            at += 4 + (uint32_t)n;
        } else {
            if (len > room) {
                return LZ_ERR_SPACE;
            }
            lz_write32(dst + at, len | BLOCK_UNCOMPRESSED);
            for (uint32_t i = 0; i < len; i++) {
                dst[at + 4 + i] = src[i];
            }
            at += 4 + len;
        }
    }
    lz_write32(dst + at, 0); /* end mark */
    lz_write32(dst + at + 4, lz_xxh32(src, len, 0));
    return (int)(at + 8);
}

/* Reads a frame with any number of blocks (compressed or stored, with or without block
 * checksums), an optional content size and content checksum; no dictionary. Returns the
 * decoded length. */
int lz_frame_unpack(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap) {
    if (len < 4) {
        return LZ_ERR_TRUNCATED;
    }
    if (lz_read32(src) != LZ_FRAME_MAGIC) {
        return LZ_ERR_MAGIC;
    }
    if (len < 7) {
        return LZ_ERR_TRUNCATED;
    }
    uint8_t flg = src[4];
    uint8_t bd = src[5];
    if ((flg & 0xc0u) != FLG_VERSION || (flg & 0x02u) || (flg & FLG_DICT_ID) || (bd & 0x8fu) || (bd >> 4) < 4) {
        return LZ_ERR_HEADER;
    }
    uint32_t descriptor = (flg & FLG_CONTENT_SIZE) ? 10 : 2;
    if (len < 4 + descriptor + 1) {
        return LZ_ERR_TRUNCATED;
    }
    if (src[4 + descriptor] != header_checksum(src + 4, descriptor)) {
        return LZ_ERR_HEADER_SUM;
    }
    uint32_t ip = 4 + descriptor + 1;
    uint32_t op = 0;
    for (;;) {
        if (len - ip < 4) {
            return LZ_ERR_TRUNCATED;
        }
        uint32_t word = lz_read32(src + ip);
        ip += 4;
        if (word == 0) {
            break;
        }
        uint32_t size = word & ~BLOCK_UNCOMPRESSED;
        uint32_t sum = (flg & FLG_BLOCK_CHECKSUM) ? 4 : 0;
        if (size > len - ip || sum > len - ip - size) {
            return LZ_ERR_TRUNCATED;
        }
        if (sum && lz_read32(src + ip + size) != lz_xxh32(src + ip, size, 0)) {
            return LZ_ERR_CHECKSUM;
        }
        if (word & BLOCK_UNCOMPRESSED) {
            if (size > cap - op) {
                return LZ_ERR_SPACE;
            }
            for (uint32_t i = 0; i < size; i++) {
                dst[op + i] = src[ip + i];
            }
            op += size;
        } else {
            int n = lz_decompress(src + ip, size, dst + op, cap - op);
            if (n < 0) {
                return n;
            }
            op += (uint32_t)n;
        }
        ip += size + sum;
    }
    if (flg & FLG_CONTENT_SIZE) {
        if (lz_read32(src + 6) != op || lz_read32(src + 10) != 0) {
            return LZ_ERR_CHECKSUM;
        }
    }
    if (flg & FLG_CONTENT_CHECKSUM) {
        if (len - ip < 4) {
            return LZ_ERR_TRUNCATED;
        }
        if (lz_read32(src + ip) != lz_xxh32(dst, op, 0)) {
            return LZ_ERR_CHECKSUM;
        }
    }
    return (int)op;
}

/* Compresses src into tmp, decompresses it behind, and compares: the compressed length when the
 * bytes come back, an error otherwise. */
int lz_roundtrip(const uint8_t *src, uint32_t len, uint8_t *tmp, uint32_t tmpcap, uint8_t *work) {
    int packed = lz_compress(src, len, tmp, tmpcap, work);
    if (packed < 0) {
        return packed;
    }
    uint8_t *back = tmp + packed;
    int n = lz_decompress(tmp, (uint32_t)packed, back, tmpcap - (uint32_t)packed);
    if (n < 0) {
        return n;
    }
    if ((uint32_t)n != len) {
        return LZ_ERR_MISMATCH;
    }
    for (uint32_t i = 0; i < len; i++) {
        if (back[i] != src[i]) {
            return LZ_ERR_MISMATCH;
        }
    }
    return packed;
}

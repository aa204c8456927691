/* LZ4 block compression and decompression, and the LZ4 frame format around them (with
 * xxHash32 checksums), freestanding. */
#ifndef LZ_H
#define LZ_H
#include <stddef.h>
#include <stdint.h>

#define LZ_MIN_MATCH 4
#define LZ_LAST_LITERALS 5  /* the last five bytes are always literals */
#define LZ_MF_LIMIT 12      /* a match starts at least twelve bytes before the end */
#define LZ_HASH_BITS 12
#define LZ_WORK_BYTES (2u << LZ_HASH_BITS) /* the compressor's table: 4096 u16 positions */
#define LZ_MAX_INPUT 0xffffu               /* positions fit the table's 16 bits */
#define LZ_FRAME_MAGIC 0x184d2204u

enum {
    LZ_ERR_SPACE = -1,      /* the output buffer is too small */
    LZ_ERR_TRUNCATED = -2,  /* the input ends inside a sequence, header or checksum */
    LZ_ERR_OFFSET = -3,     /* a match reaching before the start of the output (or offset 0) */
    LZ_ERR_INPUT = -4,      /* input too long for the compressor */
    LZ_ERR_MAGIC = -5,      /* not an LZ4 frame */
    LZ_ERR_HEADER = -6,     /* an unsupported or malformed frame descriptor */
    LZ_ERR_HEADER_SUM = -7, /* the descriptor's checksum byte is wrong */
    LZ_ERR_CHECKSUM = -8,   /* the content checksum is wrong */
    LZ_ERR_MISMATCH = -9,   /* a round trip gave different bytes */
};

/* lz_xxh32.c */
uint32_t lz_xxh32(const uint8_t *data, uint32_t len, uint32_t seed);
uint32_t lz_read32(const uint8_t *p);
void lz_write32(uint8_t *p, uint32_t v);

/* lz_compress.c */
int lz_compress(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint8_t *work);

/* lz_decompress.c */
int lz_decompress(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap);

/* lz_frame.c */
int lz_frame_pack(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint8_t *work);
int lz_frame_unpack(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap);
int lz_roundtrip(const uint8_t *src, uint32_t len, uint8_t *tmp, uint32_t tmpcap, uint8_t *work);

#endif

/* Base64 (RFC 4648 sections 4 and 5) and MIME line wrapping (RFC 2045), freestanding. */
#ifndef B64_H
#define B64_H
#include <stddef.h>
#include <stdint.h>

/* Flags */
#define B64_URL 1u        /* the URL-safe alphabet: '-' and '_' for '+' and '/' */
#define B64_NOPAD 2u      /* no '=' when encoding; when decoding, '=' refused and missing padding accepted */
#define B64_STRICT 4u     /* decoding: the unused bits of the last character must be zero */

enum {
    B64_ERR_SPACE = -1,     /* the output buffer is too small */
    B64_ERR_CHAR = -2,      /* a character outside the alphabet */
    B64_ERR_PADDING = -3,   /* '=' in the wrong place, or too many or too few */
    B64_ERR_LENGTH = -4,    /* a length no encoding has (one character left over) */
    B64_ERR_TRAILING = -5,  /* non-zero unused bits (B64_STRICT) */
    B64_ERR_ARG = -6,       /* a bad argument (line length not a positive multiple of 4) */
};

/* b64_tables.c */
char b64_symbol(uint32_t value, uint32_t flags);
int b64_value(uint8_t c, uint32_t flags); /* 0..63, or -1 */
int b64_is_space(uint8_t c);

/* b64_encode.c */
uint32_t b64_encoded_length(uint32_t len, uint32_t flags);
int b64_encode(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags);
int b64_encode_lines(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t line);

/* b64_decode.c */
int b64_decode(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags);
int b64_decode_lines(const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap, uint32_t flags);
int b64_validate(const uint8_t *src, uint32_t len, uint32_t flags);

/* b64_stream.c */
int b64_stream_encode(uint8_t *state, const uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap);
int b64_stream_finish(uint8_t *state, uint8_t *dst, uint32_t cap);
int b64_roundtrip(const uint8_t *src, uint32_t len, uint8_t *work, uint32_t cap, uint32_t flags);

#endif

/* A JSON (RFC 8259) tokenizer and validator for configuration blobs, freestanding. */
#ifndef JSON_H
#define JSON_H
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 64

typedef enum {
    JSON_END = 0,
    JSON_LBRACE,
    JSON_RBRACE,
    JSON_LBRACKET,
    JSON_RBRACKET,
    JSON_COLON,
    JSON_COMMA,
    JSON_STRING,
    JSON_NUMBER,
    JSON_TRUE,
    JSON_FALSE,
    JSON_NULL,
} json_type;

enum {
    JSON_OK = 0,
    JSON_ERR_CHAR = -1,        /* a byte no token starts with */
    JSON_ERR_UNTERMINATED = -2, /* a string without its closing quote */
    JSON_ERR_ESCAPE = -3,      /* a backslash followed by anything but " \ / b f n r t u */
    JSON_ERR_UNICODE = -4,     /* \u without four hex digits, or a surrogate without its pair */
    JSON_ERR_CONTROL = -5,     /* a raw control character inside a string */
    JSON_ERR_UTF8 = -6,        /* malformed UTF-8 inside a string */
    JSON_ERR_NUMBER = -7,      /* a malformed number (leading zero, "1.", "1e", "-") */
    JSON_ERR_LITERAL = -8,     /* a misspelled true, false or null */
    JSON_ERR_SYNTAX = -9,      /* a token where the grammar does not allow it */
    JSON_ERR_DEPTH = -10,      /* nested deeper than allowed */
    JSON_ERR_TRAILING = -11,   /* something after the top-level value */
    JSON_ERR_EMPTY = -12,      /* no value at all */
    JSON_ERR_SPACE = -13,      /* the output buffer is too small */
};

typedef struct {
    uint32_t type;   /* json_type */
    uint32_t start;  /* offset of the token's first byte */
    uint32_t length; /* bytes in the text */
    uint32_t value;  /* strings: decoded UTF-8 bytes; numbers: 1 when an integer */
} json_token;

typedef struct {
    const uint8_t *text;
    uint32_t len;
    uint32_t pos;
} json_lexer;

/* Counts json_stats writes, in this order (twelve words). */
typedef struct {
    uint32_t objects, arrays, strings, keys, numbers, integers;
    uint32_t trues, falses, nulls, max_depth, string_bytes, members;
} json_counts;

/* json_utf8.c */
int json_utf8_decode(const uint8_t *p, uint32_t avail, uint32_t *code);
uint32_t json_utf8_encode(uint32_t code, uint8_t *out);
int json_hex4(const uint8_t *p, uint32_t avail, uint32_t *value);

/* json_lex.c */
void json_lex_init(json_lexer *lex, const uint8_t *text, uint32_t len);
int json_next(json_lexer *lex, json_token *tok);
int json_tokenize(const uint8_t *text, uint32_t len, uint8_t *records, uint32_t max);

/* json_parse.c */
int json_parse(const uint8_t *text, uint32_t len, uint32_t maxdepth, json_counts *counts, uint32_t *where);
int json_validate(const uint8_t *text, uint32_t len, uint32_t maxdepth, uint32_t *where);
int json_stats(const uint8_t *text, uint32_t len, uint32_t *out);

/* json_query.c */
int json_unescape(const uint8_t *text, uint32_t len, uint8_t *out, uint32_t cap);
int json_find_key(const uint8_t *text, uint32_t len, const uint8_t *key, uint32_t keylen, uint32_t *span);

#endif

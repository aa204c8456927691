/* Reading values: a string literal decoded to UTF-8, and a top-level member found by key. */
#include "json.h"

/* Decodes the string literal text[0..len) (with its quotes) into out; returns the decoded
 * length, or an error (a malformed literal, or JSON_ERR_SPACE). */
int json_unescape(const uint8_t *text, uint32_t len, uint8_t *out, uint32_t cap) {
    json_lexer lex;
    json_token tok;
    json_lex_init(&lex, text, len);
    int status = json_next(&lex, &tok);
    if (status != JSON_OK) {
        return status;
    }
    if (tok.type != JSON_STRING || tok.start != 0 || tok.length != len) {
        return JSON_ERR_SYNTAX;
    }
    if (tok.value > cap) {
        return JSON_ERR_SPACE;
    }
    uint32_t at = 0;
    uint32_t i = 1;
    while (i + 1 < len) {
        uint8_t c = text[i];
        if (c != '\\') {
            out[at++] = c;
            i++;
            continue;
        }
        uint8_t e = text[i + 1];
        i += 2;
        switch (e) {
        case 'b':
            out[at++] = '\b';
            break;
        case 'f':
            out[at++] = '\f';
            break;
        case 'n':
            out[at++] = '\n';
            break;
        case 'r':
            out[at++] = '\r';
            break;
        case 't':
            out[at++] = '\t';
            break;
        case 'u': {
            uint32_t unit, low;
            json_hex4(text + i, len - i, &unit); /* the scanner has checked it */
            i += 4;
            if (unit >= 0xd800 && unit <= 0xdbff) {
                json_hex4(text + i + 2, len - i - 2, &low);
                i += 6;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
            }
            at += json_utf8_encode(unit, out + at);
            break;
        }
        default: /* " \ / */
            out[at++] = e;
            break;
        }
    }
    return (int)at;
}

/* Compares a string token's decoded bytes with key (decoding through a small window). */
static int key_equals(const uint8_t *text, const json_token *tok, const uint8_t *key, uint32_t keylen) {
    uint8_t decoded[64];
    if (tok->value != keylen || keylen > sizeof decoded) {
        return 0;
    }
    int n = json_unescape(text + tok->start, tok->length, decoded, sizeof decoded);
    if (n != (int)keylen) {
        return 0;
    }
    for (uint32_t i = 0; i < keylen; i++) {
        if (decoded[i] != key[i]) {
            return 0;
        }
    }
    return 1;
}

/* Skips one value starting with tok (already read); the offset just past it, or an error. */
static int skip_value(json_lexer *lex, json_token *tok) {
    uint32_t depth = 0;
    for (;;) {
        if (tok->type == JSON_LBRACE || tok->type == JSON_LBRACKET) {
            depth++;
        } else if (tok->type == JSON_RBRACE || tok->type == JSON_RBRACKET) {
            if (depth == 0) {
                return JSON_ERR_SYNTAX;
            }
            depth--;
        } else if (tok->type == JSON_END) {
            return JSON_ERR_SYNTAX;
        }
        if (depth == 0) {
            return (int)(tok->start + tok->length);
        }
        int status = json_next(lex, tok);
        if (status != JSON_OK) {
            return status;
        }
    }
}

/* In a document that must validate and be an object, finds the member whose key decodes to
 * key: 1 and span[0], span[1] = the value's offset and length; 0 when there is none. */
int json_find_key(const uint8_t *text, uint32_t len, const uint8_t *key, uint32_t keylen, uint32_t *span) {
    uint32_t where;
    int status = json_validate(text, len, JSON_MAX_DEPTH, &where);
    if (status != JSON_OK) {
        return status;
    }
    json_lexer lex;
    json_token tok, name;
    json_lex_init(&lex, text, len);
    json_next(&lex, &tok);
    if (tok.type != JSON_LBRACE) {
        return JSON_ERR_SYNTAX;
    }
    for (;;) {
        json_next(&lex, &name);
        if (name.type != JSON_STRING) {
            return 0; /* '}' : not found */
        }
        json_next(&lex, &tok); /* ':' */
        json_next(&lex, &tok);
        uint32_t start = tok.start;
        int end = skip_value(&lex, &tok);
        if (end < 0) {
            return end;
        }
        if (key_equals(text, &name, key, keylen)) {
            span[0] = start;
            span[1] = (uint32_t)end - start;
            return 1;
        }
        json_next(&lex, &tok); /* ',' or '}' */
        if (tok.type != JSON_COMMA) {
            return 0;
        }
    }
}

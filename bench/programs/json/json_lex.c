/* The scanner: one token at a time, strings and numbers checked as they are scanned. */
#include "json.h"

void json_lex_init(json_lexer *lex, const uint8_t *text, uint32_t len) {
    lex->text = text;
    lex->len = len;
    lex->pos = 0;
}

static int is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* A string from the opening quote at lex->pos; tok->value gets its decoded length. */
static int scan_string(json_lexer *lex, json_token *tok) {
    const uint8_t *t = lex->text;
    uint32_t i = lex->pos + 1;
    uint32_t decoded = 0;
    while (i < lex->len) {
        uint8_t c = t[i];
        if (c == '"') {
            tok->type = JSON_STRING;
            tok->length = i + 1 - lex->pos;
            tok->value = decoded;
            lex->pos = i + 1;
            return JSON_OK;
        }
        if (c < 0x20) {
            lex->pos = i;
            return JSON_ERR_CONTROL;
        }
        if (c == '\\') {
            if (i + 1 >= lex->len) {
                break;
            }
            uint8_t e = t[i + 1];
            if (e == 'u') {
                uint32_t unit, low;
                if (!json_hex4(t + i + 2, lex->len - (i + 2), &unit)) {
                    lex->pos = i;
                    return JSON_ERR_UNICODE;
                }
                i += 6;
                if (unit >= 0xdc00 && unit <= 0xdfff) {
                    lex->pos = i - 6;
                    return JSON_ERR_UNICODE; /* a low surrogate first */
                }
                if (unit >= 0xd800 && unit <= 0xdbff) {
                    if (i + 1 >= lex->len || t[i] != '\\' || t[i + 1] != 'u' ||
                        !json_hex4(t + i + 2, lex->len - (i + 2), &low) || low < 0xdc00 || low > 0xdfff) {
                        lex->pos = i - 6;
                        return JSON_ERR_UNICODE; /* a high surrogate alone */
                    }
                    i += 6;
                    decoded += 4;
                } else {
                    decoded += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
                }
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                lex->pos = i;
                return JSON_ERR_ESCAPE;
            }
            i += 2;
            decoded++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t code;
            int n = json_utf8_decode(t + i, lex->len - i, &code);
            if (n == 0) {
                lex->pos = i;
                return JSON_ERR_UTF8;
            }
            i += (uint32_t)n;
            decoded += (uint32_t)n;
            continue;
        }
        i++;
        decoded++;
    }
    return JSON_ERR_UNTERMINATED;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; tok->value is 1 for an integer. */
static int scan_number(json_lexer *lex, json_token *tok) {
    const uint8_t *t = lex->text;
    uint32_t n = lex->len;
    uint32_t i = lex->pos;
    uint32_t integer = 1;
    if (t[i] == '-') {
        i++;
    }
    if (i >= n || !is_digit(t[i])) {
        lex->pos = i;
        return JSON_ERR_NUMBER;
    }
    if (t[i] == '0') {
        i++;
        if (i < n && is_digit(t[i])) {
            lex->pos = i;
            return JSON_ERR_NUMBER; /* a leading zero */
        }
    } else {
        while (i < n && is_digit(t[i])) {
            i++;
        }
    }
    if (i < n && t[i] == '.') {
        i++;
        integer = 0;
        if (i >= n || !is_digit(t[i])) {
            lex->pos = i;
            return JSON_ERR_NUMBER;
        }
        while (i < n && is_digit(t[i])) {
            i++;
        }
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        integer = 0;
        if (i < n && (t[i] == '+' || t[i] == '-')) {
            i++;
        }
        if (i >= n || !is_digit(t[i])) {
            lex->pos = i;
            return JSON_ERR_NUMBER;
        }
        while (i < n && is_digit(t[i])) {
            i++;
        }
    }
    tok->type = JSON_NUMBER;
    tok->length = i - lex->pos;
    tok->value = integer;
    lex->pos = i;
    return JSON_OK;
}

static int scan_literal(json_lexer *lex, json_token *tok, const char *word, uint32_t type) {
    uint32_t k = 0;
    while (word[k] != 0) {
        if (lex->pos + k >= lex->len || lex->text[lex->pos + k] != (uint8_t)word[k]) {
            lex->pos += k;
            return JSON_ERR_LITERAL;
        }
        k++;
    }
    tok->type = type;
    tok->length = k;
    tok->value = 0;
    lex->pos += k;
    return JSON_OK;
}

/* The next token into tok (JSON_END at the end of the text), or an error with lex->pos at
 * the offending byte. */
int json_next(json_lexer *lex, json_token *tok) {
    while (lex->pos < lex->len && is_space(lex->text[lex->pos])) {
        lex->pos++;
    }
    tok->start = lex->pos;
    tok->value = 0;
    tok->length = 0;
    if (lex->pos >= lex->len) {
        tok->type = JSON_END;
        return JSON_OK;
    }
    uint8_t c = lex->text[lex->pos];
    uint32_t single = JSON_END;
    switch (c) {
    case '{':
        single = JSON_LBRACE;
        break;
    case '}':
        single = JSON_RBRACE;
        break;
    case '[':
        single = JSON_LBRACKET;
        break;
    case ']':
        single = JSON_RBRACKET;
        break;
    case ':':
        single = JSON_COLON;
        break;
    case ',':
        single = JSON_COMMA;
        break;
    case '"':
        return scan_string(lex, tok);
    case 't':
        return scan_literal(lex, tok, "true", JSON_TRUE);
    case 'f':
        return scan_literal(lex, tok, "false", JSON_FALSE);
    case 'n':
        return scan_literal(lex, tok, "null", JSON_NULL);
    default:
        if (c == '-' || is_digit(c)) {
            return scan_number(lex, tok);
        }
        return JSON_ERR_CHAR;
    }
    tok->type = single;
    tok->length = 1;
    lex->pos++;
    return JSON_OK;
}

/* Every token as an 8-byte record: start (u32), length (u16, saturated), type (u8), bracket
 * depth (u8). Returns the number of tokens, or an error (records written so far stay). */
int json_tokenize(const uint8_t *text, uint32_t len, uint8_t *records, uint32_t max) {
    json_lexer lex;
    json_token tok;
    uint32_t count = 0;
    uint32_t depth = 0;
    json_lex_init(&lex, text, len);
    for (;;) {
        int status = json_next(&lex, &tok);
        if (status != JSON_OK) {
            return status;
        }
        if (tok.type == JSON_END) {
            return (int)count;
        }
        if (count == max) {
            return JSON_ERR_SPACE;
        }
        if (tok.type == JSON_RBRACE || tok.type == JSON_RBRACKET) {
            if (depth == 0) {
                return JSON_ERR_SYNTAX;
            }
            depth--;
        }
        uint8_t *r = records + 8 * count;
        uint32_t length = tok.length > 0xffff ? 0xffff : tok.length;
        r[0] = (uint8_t)tok.start;
        r[1] = (uint8_t)(tok.start >> 8);
        r[2] = (uint8_t)(tok.start >> 16);
        r[3] = (uint8_t)(tok.start >> 24);
        r[4] = (uint8_t)length;
        r[5] = (uint8_t)(length >> 8);
        r[6] = (uint8_t)tok.type;
        r[7] = (uint8_t)(depth > 255 ? 255 : depth);
        if (tok.type == JSON_LBRACE || tok.type == JSON_LBRACKET) {
            depth++;
        }
        count++;
    }
}

/* The validator: the grammar of RFC 8259 as a state machine over the scanner's tokens, with
 * an explicit stack of open containers (no recursion, a bounded depth). */
#include "json.h"

enum state {
    VALUE,          /* a value is required */
    VALUE_OR_END,   /* just after '[': a value or ']' */
    KEY,            /* after ',' in an object: a string key is required */
    KEY_OR_END,     /* just after '{': a key or '}' */
    COLON,          /* after a key */
    COMMA_OR_END,   /* after a member or element */
    DONE,           /* the top-level value is complete: only the end may follow */
};

static void count_scalar(json_counts *c, const json_token *tok) {
    switch (tok->type) {
    case JSON_STRING:
        c->strings++;
        c->string_bytes += tok->value;
        break;
    case JSON_NUMBER:
        c->numbers++;
        c->integers += tok->value;
        break;
    case JSON_TRUE:
        c->trues++;
        break;
    case JSON_FALSE:
        c->falses++;
        break;
    default:
        c->nulls++;
        break;
    }
}

static int is_scalar(uint32_t type) {
    return type == JSON_STRING || type == JSON_NUMBER || type == JSON_TRUE || type == JSON_FALSE ||
           type == JSON_NULL;
}

/* Parses the whole text; counts what it finds. *where is the offset of the first error (or the
 * text's length). */
int json_parse(const uint8_t *text, uint32_t len, uint32_t maxdepth, json_counts *counts, uint32_t *where) {
    uint8_t stack[JSON_MAX_DEPTH];
    uint32_t depth = 0;
    enum state state = VALUE;
    json_lexer lex;
    json_token tok;
    int status = JSON_OK;
    if (maxdepth > JSON_MAX_DEPTH) {
        maxdepth = JSON_MAX_DEPTH;
    }
    json_lex_init(&lex, text, len);
    for (;;) {
        status = json_next(&lex, &tok);
        if (status != JSON_OK) {
            *where = lex.pos;
            return status;
        }
        *where = tok.start;
        if (tok.type == JSON_END) {
            if (state == DONE) {
                *where = len;
                return JSON_OK;
            }
            return state == VALUE && depth == 0 ? JSON_ERR_EMPTY : JSON_ERR_SYNTAX;
        }
        int closes = 0;
        switch (state) {
        case VALUE:
        case VALUE_OR_END:
            if (tok.type == JSON_RBRACKET && state == VALUE_OR_END) {
                closes = 1;
            } else if (tok.type == JSON_LBRACE || tok.type == JSON_LBRACKET) {
                if (depth >= maxdepth) {
                    return JSON_ERR_DEPTH;
                }
                stack[depth++] = (uint8_t)tok.type;
                if (depth > counts->max_depth) {
                    counts->max_depth = depth;
                }
                if (tok.type == JSON_LBRACE) {
                    counts->objects++;
                    state = KEY_OR_END;
                } else {
                    counts->arrays++;
                    state = VALUE_OR_END;
                }
                continue;
            } else if (is_scalar(tok.type)) {
                count_scalar(counts, &tok);
                state = depth == 0 ? DONE : COMMA_OR_END;
                continue;
            } else {
                return JSON_ERR_SYNTAX;
            }
            break;
        case KEY:
        case KEY_OR_END:
            if (tok.type == JSON_RBRACE && state == KEY_OR_END) {
                closes = 1;
            } else if (tok.type == JSON_STRING) {
                counts->keys++;
                counts->members++;
                counts->string_bytes += tok.value;
                state = COLON;
                continue;
            } else {
                return JSON_ERR_SYNTAX;
            }
            break;
        case COLON:
            if (tok.type != JSON_COLON) {
                return JSON_ERR_SYNTAX;
            }
            state = VALUE;
            continue;
        case COMMA_OR_END:
            if (tok.type == JSON_COMMA) {
                state = stack[depth - 1] == JSON_LBRACE ? KEY : VALUE;
                if (state == VALUE) {
                    counts->members++;
                }
                continue;
            }
            if ((tok.type == JSON_RBRACE && stack[depth - 1] == JSON_LBRACE) ||
                (tok.type == JSON_RBRACKET && stack[depth - 1] == JSON_LBRACKET)) {
                closes = 1;
                break;
            }
            return JSON_ERR_SYNTAX;
        case DONE:
            return JSON_ERR_TRAILING;
        }
        if (closes) {
            depth--;
            state = depth == 0 ? DONE : COMMA_OR_END;
        }
    }
}

/* Field by field: an initializer would let the compilers call memset. */
static void clear_counts(json_counts *c) {
    c->objects = c->arrays = c->strings = c->keys = c->numbers = c->integers = 0;
    c->trues = c->falses = c->nulls = c->max_depth = c->string_bytes = c->members = 0;
}

int json_validate(const uint8_t *text, uint32_t len, uint32_t maxdepth, uint32_t *where) {
    json_counts counts;
    clear_counts(&counts);
    return json_parse(text, len, maxdepth, &counts, where);
}

/* Validates with the full depth and writes the twelve counts of json_counts as words; on an
 * error the counts so far are written too, and the offset follows them (a thirteenth word). */
int json_stats(const uint8_t *text, uint32_t len, uint32_t *out) {
    json_counts counts;
    uint32_t where = 0;
    clear_counts(&counts);
    int status = json_parse(text, len, JSON_MAX_DEPTH, &counts, &where);
    out[0] = counts.objects;
    out[1] = counts.arrays;
    out[2] = counts.strings;
    out[3] = counts.keys;
    out[4] = counts.numbers;
    out[5] = counts.integers;
    out[6] = counts.trues;
    out[7] = counts.falses;
    out[8] = counts.nulls;
    out[9] = counts.max_depth;
    out[10] = counts.string_bytes;
    out[11] = counts.members;
    out[12] = where;
    return status;
}

/* A framed-protocol receiver: a dense switch over eight states, one step per input byte.
   0x7E opens and closes frames, 0x7D escapes the next byte. Returns the final state. */
#include <stdint.h>
#include "fsm.h"

static uint8_t step(struct session *s, uint8_t st, uint8_t b) {
    switch (st) {
    case IDLE: if (b == 0x7E) { on_open(s); return OPENING; } return IDLE;
    case OPENING: if (b == 0x7E) return OPENING; on_data(s, b); return b == 0x7D ? ESCAPE : DATA;
    case OPEN: if (b == 0x7D) return ESCAPE; on_data(s, b); return DATA;
    case DATA:
        if (b == 0x7E) { on_close(s); return CLOSED; }
        if (b == 0x7D) return ESCAPE;
        on_data(s, b);
        return DATA;
    case ESCAPE:
        if (b == 0x7E) { on_error(s); return FAULT; }
        on_data(s, b ^ 0x20);
        return OPEN;
    case CLOSING: on_close(s); return CLOSED;
    case CLOSED: if (b == 0x7E) { on_open(s); return OPENING; } return IDLE;
    case FAULT: if (b == 0x7E) return IDLE; on_error(s); return FAULT;
    default: return FAULT;
    }
}

uint32_t fsm_feed(struct session *s, const uint8_t *in, uint32_t n) {
    uint8_t st = s->state & 7;
    for (uint32_t i = 0; i < n; i++) st = step(s, st, in[i]);
    s->state = st;
    return st;
}

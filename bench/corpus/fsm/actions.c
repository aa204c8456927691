/* Actions of the protocol state machine: each updates the session counters. */
#include <stdint.h>
#include "fsm.h"

void on_open(struct session *s) { s->opens++; s->bytes = 0; }
void on_data(struct session *s, uint8_t b) { s->bytes++; s->sum = (uint16_t)(s->sum + b); }
void on_error(struct session *s) { s->errors++; }
void on_close(struct session *s) { s->closes++; }

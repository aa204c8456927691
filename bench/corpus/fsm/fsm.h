#pragma once
#include <stdint.h>

enum state { IDLE, OPENING, OPEN, DATA, ESCAPE, CLOSING, CLOSED, FAULT };

struct session {
    uint8_t state;
    uint8_t pad;
    uint16_t sum;
    uint32_t bytes, opens, closes, errors;
};

void on_open(struct session *s);
void on_data(struct session *s, uint8_t b);
void on_error(struct session *s);
void on_close(struct session *s);

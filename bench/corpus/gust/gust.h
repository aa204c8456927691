#pragma once
/* Shared declarations of the gust scheduler components. */
#include <stdint.h>

struct sample {
    uint32_t stamp;   /* offset 0 */
    uint16_t level;   /* offset 4 */
    uint8_t  channel; /* offset 6 */
    uint8_t  flags;   /* offset 7 */
};

int32_t mix(int32_t a, int32_t b);
uint32_t transition(uint32_t task, uint32_t from, uint32_t to, uint32_t tick, int32_t level);
void gust_panic(uint32_t code);
extern volatile uint32_t gust_fault;

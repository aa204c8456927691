/* The hot path: read the next sample of a six-entry ring, mix it, and every `period` polls
   move two tasks along. Returns the mixed level (plus a count of transitions in bits 16+). */
#include "gust.h"

static uint32_t ring_index;
static uint32_t polls;

uint32_t gust_poll(const struct sample *ring, uint32_t period, uint32_t task) {
    uint32_t idx = ring_index;
    const struct sample *s = &ring[idx];
    int32_t level = mix((int32_t)s->level - 2048, (int32_t)s->channel * 16);
    if (s->flags & 0x80) level = -level;
    level += (int32_t)(s->stamp & 0xFF);
    uint32_t count = ++polls;
    uint32_t moved = 0;
    if (period != 0 && count % period == 0) {
        moved += transition(task, 0, 1, s->stamp, level);
        moved += transition(task + 1, 1, 2, s->stamp, level);
    }
    ring_index = (idx + 1 == 6) ? 0 : idx + 1;
    return ((uint32_t)level & 0xFFFF) | (moved << 16);
}

/* The task table: eight tasks, each with a state, a deadline and an accumulated level. */
#include "gust.h"

struct task {
    uint8_t state;
    uint8_t pad[3];
    uint32_t deadline;
    int32_t level;
};

static struct task tasks[8];

uint32_t transition(uint32_t task, uint32_t from, uint32_t to, uint32_t tick, int32_t level) {
    if (task >= 8) {
        gust_panic(task);
        return 0;
    }
    struct task *t = &tasks[task];
    if (t->state != from) return 0;
    t->state = (uint8_t)to;
    t->deadline = tick + 16u;
    t->level += level;
    return 1;
}

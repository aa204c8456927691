/* A scripted run: a sequence of system calls and ticks, as the tasks and the timer interrupt
   would make them, with a trace of who runs after each. */
#include "rtos.h"

int32_t rtos_tick(void);
int32_t rtos_delay(uint32_t ticks);
int32_t rtos_sem_wait(uint32_t s, uint32_t timeout);
int32_t rtos_sem_post(uint32_t s);
int32_t rtos_mutex_lock(uint32_t m, uint32_t timeout);
int32_t rtos_mutex_unlock(uint32_t m);
int32_t rtos_suspend(uint32_t id);
int32_t rtos_resume(uint32_t id);
int32_t rtos_set_priority(uint32_t id, uint32_t prio);

enum { OP_TICK, OP_DELAY, OP_WAIT, OP_POST, OP_LOCK, OP_UNLOCK, OP_SUSPEND, OP_RESUME, OP_PRIO, OP_END = 0xFF };

/* Hot export. Each operation is four bytes: op, a, b (16-bit little-endian). For each, the
   trace gets the running task and the call's result (its low byte). Returns the operations
   run. */
int32_t rtos_run(const uint8_t *script, uint32_t n, uint8_t *trace) {
    uint32_t i;
    for (i = 0; i < n; i++) {
        const uint8_t *op = script + 4 * i;
        uint32_t a = op[1];
        uint32_t b = (uint32_t)op[2] | (uint32_t)op[3] << 8;
        int32_t r;
        if (op[0] == OP_END) break;
        switch (op[0]) {
        case OP_TICK:
            r = 0;
            for (uint32_t j = 0; j < (b ? b : 1) && r >= 0; j++) r = rtos_tick();
            break;
        case OP_DELAY: r = rtos_delay(b); break;
        case OP_WAIT: r = rtos_sem_wait(a, b); break;
        case OP_POST: r = rtos_sem_post(a); break;
        case OP_LOCK: r = rtos_mutex_lock(a, b); break;
        case OP_UNLOCK: r = rtos_mutex_unlock(a); break;
        case OP_SUSPEND: r = rtos_suspend(a); break;
        case OP_RESUME: r = rtos_resume(a); break;
        case OP_PRIO: r = rtos_set_priority(a, b); break;
        default: r = E_INVAL; break;
        }
        trace[2 * i] = k.current;
        trace[2 * i + 1] = (uint8_t)r;
    }
    return (int32_t)i;
}

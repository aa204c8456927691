/* Time: the delta list of delayed tasks (each entry holds the ticks after the previous one, so
   a tick only decrements the head), and the tick handler: wake-ups, time-out of waits, run
   time accounting, time slices. */
#include "rtos.h"

void delay_init(void) { k.delay_head = NIL; }

void delay_insert(uint8_t id, uint16_t ticks) {
    struct tcb *t = &k.t[id];
    uint8_t prev = NIL, cur = k.delay_head;
    uint32_t left = ticks;
    /* Equal wake-up times keep their insertion order: walk past entries due no later. */
    while (cur != NIL && k.t[cur].ddelta <= left) {
        left -= k.t[cur].ddelta;
        prev = cur;
        cur = k.t[cur].dnext;
    }
    t->ddelta = (uint16_t)left;
    t->dprev = prev;
    t->dnext = cur;
    t->in_delay = 1;
    if (cur != NIL) {
        k.t[cur].ddelta = (uint16_t)(k.t[cur].ddelta - left);
        k.t[cur].dprev = id;
    }
    if (prev != NIL) k.t[prev].dnext = id;
    else k.delay_head = id;
}

void delay_remove(uint8_t id) {
    struct tcb *t = &k.t[id];
    if (!t->in_delay) return;
    if (t->dnext != NIL) {
        k.t[t->dnext].ddelta = (uint16_t)(k.t[t->dnext].ddelta + t->ddelta);
        k.t[t->dnext].dprev = t->dprev;
    }
    if (t->dprev != NIL) k.t[t->dprev].dnext = t->dnext;
    else k.delay_head = t->dnext;
    t->dnext = t->dprev = NIL;
    t->ddelta = 0;
    t->in_delay = 0;
}

/* Ticks until `id` wakes up (0 when it is not delayed). */
uint16_t delay_remaining(uint8_t id) {
    if (!k.t[id].in_delay) return 0;
    uint32_t sum = 0;
    for (uint8_t cur = k.delay_head; cur != NIL; cur = k.t[cur].dnext) {
        sum += k.t[cur].ddelta;
        if (cur == id) break;
    }
    return (uint16_t)sum;
}

static void expire(uint8_t id) {
    struct tcb *t = &k.t[id];
    t->in_delay = 0;
    t->dnext = t->dprev = NIL;
    switch (t->state) {
    case S_DELAYED: make_ready(id, R_OK); break;
    case S_SEM:
    case S_MUTEX:
        sync_timeout(id);
        make_ready(id, R_TIMEOUT);
        break;
    default: break;
    }
}

void timer_tick(void) {
    k.ticks++;
    struct tcb *cur = &k.t[k.current];
    cur->run_ticks++;
    if (k.delay_head != NIL) {
        struct tcb *head = &k.t[k.delay_head];
        if (head->ddelta > 0) head->ddelta--;
        /* Everything due now wakes, in list order. */
        while (k.delay_head != NIL && k.t[k.delay_head].ddelta == 0) {
            uint8_t id = k.delay_head;
            k.delay_head = k.t[id].dnext;
            if (k.delay_head != NIL) k.t[k.delay_head].dprev = NIL;
            expire(id);
        }
    }
    /* The time slice: a running task that shares its priority yields when it runs out. */
    if (k.current != IDLE && cur->state == S_READY) {
        if (cur->slice > 0) cur->slice--;
        if (cur->slice == 0) {
            cur->slice = SLICE;
            if (k.ready_head[cur->prio] == k.current && ready_count(cur->prio) > 1) ready_rotate(cur->prio);
        }
    }
}

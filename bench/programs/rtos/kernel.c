/* The kernel proper: task control, the scheduler, and the system calls as exports. */
#include "rtos.h"

struct kernel k;

void make_ready(uint8_t id, int8_t result) {
    struct tcb *t = &k.t[id];
    t->state = S_READY;
    t->result = result;
    t->slice = SLICE;
    ready_insert(id);
}

/* The running task leaves the ready queue to wait (`timeout` ticks at most, or FOREVER). */
void block_current(uint8_t state, uint8_t obj, uint16_t timeout) {
    uint8_t id = k.current;
    struct tcb *t = &k.t[id];
    ready_remove(id);
    t->state = state;
    t->wait_obj = obj;
    if (timeout != FOREVER) delay_insert(id, timeout);
}

void set_effective_priority(uint8_t id, uint8_t prio) {
    struct tcb *t = &k.t[id];
    if (t->prio == prio) return;
    if (t->state == S_READY) {
        ready_remove(id);
        t->prio = prio;
        ready_insert(id);
    } else {
        t->prio = prio;
        if (t->state == S_SEM || t->state == S_MUTEX) sync_priority_changed(id);
    }
}

/* Switches to the most urgent ready task. Returns the running task. */
int32_t reschedule(void) {
    uint8_t top = ready_top();
    if (top != k.current) {
        k.switches++;
        k.current = top;
        k.t[top].activations++;
        k.t[top].slice = SLICE;
    }
    return k.current;
}

static void task_reset(uint8_t id, uint8_t prio) {
    struct tcb *t = &k.t[id];
    t->state = S_DORMANT;
    t->base_prio = t->prio = prio;
    t->slice = SLICE;
    t->next = t->prev = t->dnext = t->dprev = NIL;
    t->in_delay = 0;
    t->wait_obj = NIL;
    t->result = R_OK;
    t->held = 0;
    t->ddelta = 0;
    t->activations = 0;
    t->run_ticks = 0;
}

/* Hot export. `cfg`: 16 task priorities (0xFF: no such task; 0-30), 8 initial semaphore
   counts, 8 semaphore maxima. Every task starts ready. */
int32_t rtos_init(const uint8_t *cfg) {
    k.started = 0;
    for (uint8_t s = 0; s < NSEMS; s++)
        if (cfg[16 + s] > cfg[24 + s]) return E_INVAL;
    for (uint8_t id = 0; id < IDLE; id++)
        if (cfg[id] != NIL && cfg[id] >= IDLE_PRIO) return E_INVAL;
    ready_init();
    delay_init();
    sync_init(cfg + 16, cfg + 24);
    k.ticks = 0;
    k.switches = 0;
    for (uint8_t id = 0; id < NTASKS; id++) {
        uint8_t prio = id == IDLE ? IDLE_PRIO : cfg[id];
        task_reset(id, prio == NIL ? IDLE_PRIO : prio);
        if (prio != NIL) make_ready(id, R_OK);
    }
    k.current = IDLE;
    k.started = 1;
    return reschedule();
}

/* Hot export: one timer tick. */
int32_t rtos_tick(void) {
    if (!k.started) return E_STATE;
    timer_tick();
    return reschedule();
}

/* The running task sleeps `ticks` (0: yields to its priority's next task). */
int32_t rtos_delay(uint32_t ticks) {
    if (!k.started || k.current == IDLE) return E_STATE;
    if (ticks >= FOREVER) return E_INVAL;
    uint8_t cur = k.current;
    if (ticks == 0) {
        if (k.ready_head[k.t[cur].prio] == cur) ready_rotate(k.t[cur].prio);
    } else {
        block_current(S_DELAYED, NIL, (uint16_t)ticks);
    }
    return reschedule();
}

static int32_t then_reschedule(int32_t r) { return r < 0 ? r : reschedule(); }

/* Hot exports: the semaphore and mutex calls of the running task. */
int32_t rtos_sem_wait(uint32_t s, uint32_t timeout) {
    if (!k.started) return E_STATE;
    return then_reschedule(sync_sem_wait((uint8_t)(s < NSEMS ? s : NSEMS), (uint16_t)(timeout > FOREVER ? FOREVER : timeout)));
}

int32_t rtos_sem_post(uint32_t s) {
    if (!k.started) return E_STATE;
    return then_reschedule(sync_sem_post((uint8_t)(s < NSEMS ? s : NSEMS)));
}

int32_t rtos_mutex_lock(uint32_t m, uint32_t timeout) {
    if (!k.started) return E_STATE;
    return then_reschedule(sync_mutex_lock((uint8_t)(m < NMUTEXES ? m : NMUTEXES), (uint16_t)(timeout > FOREVER ? FOREVER : timeout)));
}

int32_t rtos_mutex_unlock(uint32_t m) {
    if (!k.started) return E_STATE;
    return then_reschedule(sync_mutex_unlock((uint8_t)(m < NMUTEXES ? m : NMUTEXES)));
}

static int32_t valid_task(uint32_t id) { return k.started && id < IDLE && k.t[id].state != S_DORMANT; }

int32_t rtos_suspend(uint32_t id) {
    if (!valid_task(id)) return E_INVAL;
    struct tcb *t = &k.t[id];
    if (t->state == S_READY) ready_remove((uint8_t)id);
    else if (t->state == S_DELAYED) delay_remove((uint8_t)id);
    else return E_STATE;
    t->state = S_SUSPENDED;
    return reschedule();
}

int32_t rtos_resume(uint32_t id) {
    if (!valid_task(id)) return E_INVAL;
    if (k.t[id].state != S_SUSPENDED) return E_STATE;
    make_ready((uint8_t)id, R_OK);
    return reschedule();
}

int32_t rtos_set_priority(uint32_t id, uint32_t prio) {
    if (!valid_task(id) || prio >= IDLE_PRIO) return E_INVAL;
    sync_set_base_priority((uint8_t)id, (uint8_t)prio);
    return reschedule();
}

static void put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v) {
    put16(p, v);
    put16(p + 2, v >> 16);
}

/* Hot export: the kernel's state, 40 bytes of header and 16 bytes per task (see below).
   Returns the bytes written. */
int32_t rtos_state(uint8_t *out) {
    put32(out, k.ticks);
    put32(out + 4, k.switches);
    put32(out + 8, k.ready_map);
    out[12] = k.current;
    out[13] = k.delay_head;
    out[14] = k.started;
    out[15] = (uint8_t)ready_count(k.t[k.current].prio);
    for (uint8_t s = 0; s < NSEMS; s++) {
        out[16 + 2 * s] = sync_sem_count(s);
        out[17 + 2 * s] = 0;
    }
    for (uint8_t m = 0; m < NMUTEXES; m++) {
        out[32 + 2 * m] = sync_mutex_owner(m);
        out[33 + 2 * m] = 0;
    }
    for (uint8_t id = 0; id < NTASKS; id++) {
        uint8_t *r = out + 40 + 16 * id;
        struct tcb *t = &k.t[id];
        r[0] = t->state;
        r[1] = t->base_prio;
        r[2] = t->prio;
        r[3] = (uint8_t)t->result;
        r[4] = t->wait_obj;
        r[5] = t->held;
        r[6] = t->slice;
        r[7] = t->next;
        put16(r + 8, delay_remaining(id));
        put16(r + 10, t->activations);
        put32(r + 12, t->run_ticks);
    }
    return 40 + 16 * NTASKS;
}

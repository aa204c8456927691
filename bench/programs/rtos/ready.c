/* The ready queue: a bitmap of the priorities that have ready tasks, and a circular doubly
   linked list of task indices per priority. The running task is the head of the highest
   priority's list; round-robin moves the head along. */
#include "rtos.h"

void ready_init(void) {
    for (uint32_t p = 0; p < NPRIO; p++) k.ready_head[p] = NIL;
    k.ready_map = 0;
}

/* Appends `id` at the tail of its priority's list. */
void ready_insert(uint8_t id) {
    struct tcb *t = &k.t[id];
    uint8_t p = t->prio;
    uint8_t head = k.ready_head[p];
    if (head == NIL) {
        t->next = t->prev = id;
        k.ready_head[p] = id;
        k.ready_map |= 1u << p;
        return;
    }
    uint8_t tail = k.t[head].prev;
    t->next = head;
    t->prev = tail;
    k.t[tail].next = id;
    k.t[head].prev = id;
}

void ready_remove(uint8_t id) {
    struct tcb *t = &k.t[id];
    uint8_t p = t->prio;
    if (t->next == id) {
        k.ready_head[p] = NIL;
        k.ready_map &= ~(1u << p);
    } else {
        k.t[t->prev].next = t->next;
        k.t[t->next].prev = t->prev;
        if (k.ready_head[p] == id) k.ready_head[p] = t->next;
    }
    t->next = t->prev = NIL;
}

/* The head moves to the next task of the same priority (the old head becomes the tail). */
void ready_rotate(uint8_t prio) {
    uint8_t head = k.ready_head[prio];
    if (head != NIL) k.ready_head[prio] = k.t[head].next;
}

/* The lowest set bit of the map: the highest ready priority (the idle task keeps it
   non-empty). */
static uint8_t lowest_bit(uint32_t map) {
    uint8_t n = 0;
    if ((map & 0xFFFF) == 0) { n += 16; map >>= 16; }
    if ((map & 0xFF) == 0) { n += 8; map >>= 8; }
    if ((map & 0xF) == 0) { n += 4; map >>= 4; }
    if ((map & 0x3) == 0) { n += 2; map >>= 2; }
    if ((map & 0x1) == 0) { n += 1; }
    return n;
}

/* The task that should run: the head of the highest non-empty priority. */
uint8_t ready_top(void) {
    if (k.ready_map == 0) return IDLE;
    return k.ready_head[lowest_bit(k.ready_map)];
}

uint32_t ready_count(uint8_t prio) {
    uint8_t head = k.ready_head[prio];
    if (head == NIL) return 0;
    uint32_t n = 1;
    for (uint8_t id = k.t[head].next; id != head; id = k.t[id].next) n++;
    return n;
}

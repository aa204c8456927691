/* Synchronisation: counting semaphores and recursive mutexes with priority inheritance. Wait
   lists are singly linked through the task's `next`, ordered by effective priority, first
   come first served within one. */
#include "rtos.h"

struct sem {
    uint8_t count, max, head;
};

struct mutex {
    uint8_t owner, depth, head;
};

static struct sem sems[NSEMS];
static struct mutex mutexes[NMUTEXES];
static uint32_t propagation_budget;

void sync_init(const uint8_t *counts, const uint8_t *maxima) {
    for (uint32_t s = 0; s < NSEMS; s++) {
        sems[s].count = counts[s];
        sems[s].max = maxima[s];
        sems[s].head = NIL;
    }
    for (uint32_t m = 0; m < NMUTEXES; m++) {
        mutexes[m].owner = NIL;
        mutexes[m].depth = 0;
        mutexes[m].head = NIL;
    }
}

uint8_t sync_sem_count(uint8_t s) { return sems[s].count; }
uint8_t sync_mutex_owner(uint8_t m) { return mutexes[m].owner; }

static void wait_insert(uint8_t *head, uint8_t id) {
    uint8_t p = k.t[id].prio;
    uint8_t *link = head;
    while (*link != NIL && k.t[*link].prio <= p) link = &k.t[*link].next;
    k.t[id].next = *link;
    *link = id;
}

static void wait_remove(uint8_t *head, uint8_t id) {
    uint8_t *link = head;
    while (*link != NIL && *link != id) link = &k.t[*link].next;
    if (*link == id) *link = k.t[id].next;
    k.t[id].next = NIL;
}

static uint8_t wait_pop(uint8_t *head) {
    uint8_t id = *head;
    if (id != NIL) {
        *head = k.t[id].next;
        k.t[id].next = NIL;
    }
    return id;
}

static uint8_t *wait_list_of(uint8_t id) {
    struct tcb *t = &k.t[id];
    if (t->state == S_SEM) return &sems[t->wait_obj].head;
    if (t->state == S_MUTEX) return &mutexes[t->wait_obj].head;
    return 0;
}

/* The priority `id` should run at: its own, or that of the most urgent task waiting on a
   mutex it holds. */
static void restore_priority(uint8_t id) {
    uint8_t p = k.t[id].base_prio;
    for (uint8_t m = 0; m < NMUTEXES; m++) {
        if (!(k.t[id].held & (1u << m))) continue;
        uint8_t w = mutexes[m].head;
        if (w != NIL && k.t[w].prio < p) p = k.t[w].prio;
    }
    set_effective_priority(id, p);
}

/* Raises the owner of a mutex (and the owner of whatever that owner waits on) to `prio`. */
static void inherit(uint8_t owner, uint8_t prio) {
    for (uint32_t hops = 0; owner != NIL && hops < NTASKS; hops++) {
        if (k.t[owner].prio <= prio) break;
        set_effective_priority(owner, prio);
        if (k.t[owner].state != S_MUTEX) break;
        owner = mutexes[k.t[owner].wait_obj].owner;
    }
}

/* A waiting task's priority changed: its place in the wait list, and what its mutex's owner
   inherits. Bounded, as deadlocked owners can form a cycle. */
void sync_priority_changed(uint8_t id) {
    uint8_t *head = wait_list_of(id);
    if (head == 0) return;
    wait_remove(head, id);
    wait_insert(head, id);
    if (k.t[id].state == S_MUTEX && propagation_budget > 0) {
        propagation_budget--;
        uint8_t owner = mutexes[k.t[id].wait_obj].owner;
        if (owner != NIL) restore_priority(owner);
    }
}

void sync_set_base_priority(uint8_t id, uint8_t prio) {
    propagation_budget = 2 * NTASKS;
    k.t[id].base_prio = prio;
    restore_priority(id);
}

/* A wait timed out: out of its list, and the owner it was raising drops back. */
void sync_timeout(uint8_t id) {
    uint8_t *head = wait_list_of(id);
    if (head == 0) return;
    wait_remove(head, id);
    uint8_t was_mutex = k.t[id].state == S_MUTEX;
    /* No longer waiting (the caller readies it): the owner's new priority, passed round a
       cycle of deadlocked owners, must not put it back in the list. */
    k.t[id].state = S_DELAYED;
    if (was_mutex) {
        propagation_budget = 2 * NTASKS;
        uint8_t owner = mutexes[k.t[id].wait_obj].owner;
        if (owner != NIL) restore_priority(owner);
    }
}

int32_t sync_sem_wait(uint8_t s, uint16_t timeout) {
    if (s >= NSEMS) return E_INVAL;
    uint8_t cur = k.current;
    if (cur == IDLE) return E_STATE;
    if (sems[s].count > 0) {
        sems[s].count--;
        k.t[cur].result = R_OK;
        return R_OK;
    }
    if (timeout == 0) {
        k.t[cur].result = R_WOULDBLOCK;
        return R_WOULDBLOCK;
    }
    block_current(S_SEM, s, timeout);
    wait_insert(&sems[s].head, cur);
    return R_OK;
}

int32_t sync_sem_post(uint8_t s) {
    if (s >= NSEMS) return E_INVAL;
    uint8_t id = wait_pop(&sems[s].head);
    if (id != NIL) {
        delay_remove(id);
        make_ready(id, R_OK);
        return R_OK;
    }
    if (sems[s].count >= sems[s].max) return E_OVERFLOW;
    sems[s].count++;
    return R_OK;
}

int32_t sync_mutex_lock(uint8_t m, uint16_t timeout) {
    if (m >= NMUTEXES) return E_INVAL;
    uint8_t cur = k.current;
    if (cur == IDLE) return E_STATE;
    struct mutex *mx = &mutexes[m];
    if (mx->owner == NIL) {
        mx->owner = cur;
        mx->depth = 1;
        k.t[cur].held |= (uint8_t)(1u << m);
        k.t[cur].result = R_OK;
        return R_OK;
    }
    if (mx->owner == cur) {
        if (mx->depth == 0xFF) return E_OVERFLOW;
        mx->depth++;
        return R_OK;
    }
    if (timeout == 0) {
        k.t[cur].result = R_WOULDBLOCK;
        return R_WOULDBLOCK;
    }
    block_current(S_MUTEX, m, timeout);
    wait_insert(&mx->head, cur);
    propagation_budget = 2 * NTASKS;
    inherit(mx->owner, k.t[cur].prio);
    return R_OK;
}

int32_t sync_mutex_unlock(uint8_t m) {
    if (m >= NMUTEXES) return E_INVAL;
    uint8_t cur = k.current;
    struct mutex *mx = &mutexes[m];
    if (mx->owner != cur) return E_OWNER;
    if (--mx->depth > 0) return R_OK;
    k.t[cur].held &= (uint8_t)~(1u << m);
    propagation_budget = 2 * NTASKS;
    restore_priority(cur);
    uint8_t id = wait_pop(&mx->head);
    mx->owner = id;
    if (id != NIL) {
        /* Ownership passes straight to the most urgent waiter. */
        mx->depth = 1;
        k.t[id].held |= (uint8_t)(1u << m);
        delay_remove(id);
        make_ready(id, R_OK);
        if (mx->head != NIL) inherit(id, k.t[mx->head].prio);
    }
    return R_OK;
}

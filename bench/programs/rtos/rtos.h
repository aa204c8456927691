/* A small preemptive RTOS kernel, tick-driven: the shared declarations.

   Sixteen tasks and an idle task, priorities 0 (highest) to 31 (the idle task's). The ready
   queue is a 32-bit bitmap of non-empty priorities plus one circular doubly linked list per
   priority (task indices, no pointers), round-robin within a priority on a time slice.
   Delayed tasks sit in a delta list ordered by wake-up time. Counting semaphores and mutexes
   (with priority inheritance) keep priority-ordered wait lists; a wait can time out.

   Every call acts as the running task would (a system call), and returns the task running
   after it, or a negative error. */
#pragma once
#include <stdint.h>

#define NTASKS 17
#define IDLE 16
#define NPRIO 32
#define IDLE_PRIO 31
#define NIL 0xFF
#define NSEMS 8
#define NMUTEXES 4
#define SLICE 3
#define FOREVER 0xFFFF

/* Task states. */
#define S_DORMANT 0
#define S_READY 1
#define S_DELAYED 2
#define S_SEM 3
#define S_MUTEX 4
#define S_SUSPENDED 5

/* Results of a wait, and errors. */
#define R_OK 0
#define R_TIMEOUT (-1)
#define R_WOULDBLOCK (-2)
#define E_INVAL (-3)
#define E_STATE (-4)
#define E_OWNER (-5)
#define E_OVERFLOW (-6)

struct tcb {
    uint8_t state;
    uint8_t base_prio; /* the priority given */
    uint8_t prio;      /* the effective priority (raised by inheritance) */
    uint8_t slice;     /* ticks left in the time slice */
    uint8_t next, prev;   /* ready list, or the wait list of a semaphore or mutex */
    uint8_t dnext, dprev; /* the delay list */
    uint8_t in_delay;
    uint8_t wait_obj;  /* the semaphore or mutex waited on */
    int8_t result;     /* the outcome of the last wait */
    uint8_t held;      /* a bit per mutex held */
    uint16_t ddelta;   /* ticks after the previous entry of the delay list */
    uint16_t activations;
    uint32_t run_ticks;
};

struct kernel {
    struct tcb t[NTASKS];
    uint8_t ready_head[NPRIO];
    uint32_t ready_map;
    uint8_t delay_head;
    uint8_t current;
    uint8_t started;
    uint32_t ticks;
    uint32_t switches;
};

extern struct kernel k;

/* ready.c */
void ready_init(void);
void ready_insert(uint8_t id);
void ready_remove(uint8_t id);
void ready_rotate(uint8_t prio);
uint8_t ready_top(void);
uint32_t ready_count(uint8_t prio);

/* timer.c */
void delay_init(void);
void delay_insert(uint8_t id, uint16_t ticks);
void delay_remove(uint8_t id);
uint16_t delay_remaining(uint8_t id);
void timer_tick(void);

/* sync.c */
void sync_init(const uint8_t *counts, const uint8_t *maxima);
int32_t sync_sem_wait(uint8_t s, uint16_t timeout);
int32_t sync_sem_post(uint8_t s);
int32_t sync_mutex_lock(uint8_t m, uint16_t timeout);
int32_t sync_mutex_unlock(uint8_t m);
void sync_timeout(uint8_t id);
void sync_priority_changed(uint8_t id);
void sync_set_base_priority(uint8_t id, uint8_t prio);
uint8_t sync_sem_count(uint8_t s);
uint8_t sync_mutex_owner(uint8_t m);

/* kernel.c */
void make_ready(uint8_t id, int8_t result);
void block_current(uint8_t state, uint8_t obj, uint16_t timeout);
void set_effective_priority(uint8_t id, uint8_t prio);
int32_t reschedule(void);

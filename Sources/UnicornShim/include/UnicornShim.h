// Non-variadic wrappers of Unicorn's variadic calls (Swift cannot call C variadics).
#ifndef WEFT_UNICORN_SHIM_H
#define WEFT_UNICORN_SHIM_H
#include <stdint.h>

typedef struct uc_struct uc_engine;

/// Selects the Cortex-M3 CPU model; 0 on success.
int weft_uc_cortex_m3(uc_engine *uc);

/// Stops emulation at a CPU exception (an `udf`, a fault) instead of taking it, and writes
/// the exception number to `*slot` (which the caller sets to -1 before each run and keeps
/// alive while the engine lives). 0 on success.
int weft_uc_catch_exceptions(uc_engine *uc, int32_t *slot);

/// What `weft_uc_emulate_mpu` keeps: the exception slot it writes, and the bytes a refused
/// store was about to overwrite (Unicorn completes the store before emulation stops; the
/// caller writes them back when `pending` is set, as a faulting store writes nothing).
typedef struct {
    int32_t *slot;
    int32_t pending;
    uint32_t address;
    uint32_t size;
    uint8_t saved[8];
    /// `weft_uc_emulate_task`: nonzero when every access is the unprivileged task's; the
    /// address of the two (RBAR, RASR) pairs of its regions (`weft_task_regions`); its stack
    /// (read and write) and its code area (read only).
    int32_t task;
    uint32_t table;
    uint32_t stack_low, stack_high;
    uint32_t code_low, code_high;
} weft_mpu_state;

/// Checks unprivileged loads and stores (`ldrt`, `strt`, ...) as a Cortex-M3 MPU would,
/// from the MPU_CTRL, MPU_RBAR and MPU_RASR words at 0xE000ED94.. (a mapped page that code
/// writes as the MPU's registers; one region, the last one written): with the MPU enabled,
/// such an access outside the enabled part of a full-access region stops emulation and
/// writes `WEFT_MEMMANAGE_FAULT` to `*state->slot` — before Unicorn's own check of unmapped
/// memory, as the MPU checks before the bus. Privileged accesses are not checked (the
/// default memory map). `state` lives as long as the engine. 0 on success.
int weft_uc_emulate_mpu(uc_engine *uc, weft_mpu_state *state);

/// Checks every load and store as the Cortex-M3 MPU checks an unprivileged task's (an RTOS
/// running the module's exports in an MPU task, `--memory task`): an access is allowed in an
/// enabled full-access region of the two at `state->table` (their enabled subregions), in
/// `[stack_low, stack_high)`, or, a read, in `[code_low, code_high)`; any other stops
/// emulation with `WEFT_MEMMANAGE_FAULT` in `*state->slot`, as `weft_uc_emulate_mpu` does.
/// `state` lives as long as the engine. 0 on success.
int weft_uc_emulate_task(uc_engine *uc, weft_mpu_state *state);

/// The exception number of a MemManage fault (ARMv7-M exception 4).
#define WEFT_MEMMANAGE_FAULT 4

#endif

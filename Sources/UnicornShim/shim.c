#include "UnicornShim.h"
#include <unicorn/unicorn.h>

static void on_interrupt(uc_engine *uc, uint32_t intno, void *user_data) {
    *(int32_t *)user_data = (int32_t)intno;
    uc_emu_stop(uc);
}

int weft_uc_cortex_m3(uc_engine *uc) {
    return uc_ctl_set_cpu_model(uc, UC_CPU_ARM_CORTEX_M3) == UC_ERR_OK ? 0 : -1;
}

int weft_uc_catch_exceptions(uc_engine *uc, int32_t *slot) {
    uc_hook hook;
    return uc_hook_add(uc, &hook, UC_HOOK_INTR, (void *)on_interrupt, slot, 1, 0) == UC_ERR_OK ? 0 : -1;
}

/* Whether the instruction at pc is an unprivileged single load or store: the 32-bit
   LDR/STR immediate encodings (first halfword 1111 100x 0xxx) with P U W = 1 1 0 (second
   halfword bits 11:8 = 1110). */
static int unprivileged_access(uc_engine *uc) {
    uint32_t pc;
    uint16_t hw[2];
    if (uc_reg_read(uc, UC_ARM_REG_PC, &pc) != UC_ERR_OK) return 0;
    if (uc_mem_read(uc, pc & ~1u, hw, sizeof hw) != UC_ERR_OK) return 0;
    return (hw[0] & 0xFE80) == 0xF800 && (hw[1] & 0x0F00) == 0x0E00;
}

/* Whether region (RBAR, RASR) — enabled, full access — lets an access of `size` bytes at
   `address` through: inside it, and in none of its disabled subregions. */
static int region_allows(uint32_t rbar, uint32_t rasr, uint64_t address, int size) {
    uint64_t region = 1ull << (((rasr >> 1) & 31) + 1);
    uint64_t base = rbar & ~(uint32_t)(region - 1) & ~31u;
    int allowed = (rasr & 1) && ((rasr >> 24) & 7) == 3 && address >= base && address + (uint64_t)size <= base + region;
    if (allowed && region >= 256) {
        uint64_t sub = region / 8;
        uint32_t first = (uint32_t)((address - base) / sub), last = (uint32_t)((address + size - 1 - base) / sub);
        for (uint32_t k = first; k <= last; k++) {
            if ((rasr >> (8 + k)) & 1) allowed = 0;
        }
    }
    return allowed;
}

/* Whether the unprivileged task may make the access (`weft_uc_emulate_task`). */
static int task_allows(uc_engine *uc, uc_mem_type type, uint64_t address, int size, weft_mpu_state *state) {
    uint32_t table[4];
    if (uc_mem_read(uc, state->table, table, sizeof table) != UC_ERR_OK) return 0;
    for (int k = 0; k < 2; k++) {
        if (region_allows(table[2 * k], table[2 * k + 1], address, size)) return 1;
    }
    uint64_t end = address + (uint64_t)size;
    if (address >= state->stack_low && end <= state->stack_high) return 1;
    return type != UC_MEM_WRITE && type != UC_MEM_WRITE_UNMAPPED && address >= state->code_low &&
           end <= state->code_high;
}

/* Whether the access is refused; a refused store's old bytes are saved first. */
static int refused(uc_engine *uc, uc_mem_type type, uint64_t address, int size, weft_mpu_state *state) {
    int allowed;
    if (state->task) {
        allowed = task_allows(uc, type, address, size, state);
    } else {
        uint32_t reg[4]; /* CTRL, RNR, RBAR, RASR */
        if (uc_mem_read(uc, 0xE000ED94, reg, sizeof reg) != UC_ERR_OK) return 0;
        if (!(reg[0] & 1) || !unprivileged_access(uc)) return 0;
        allowed = region_allows(reg[2], reg[3], address, size);
    }
    if (allowed) return 0;
    *state->slot = WEFT_MEMMANAGE_FAULT;
    if (type == UC_MEM_WRITE && size <= 8 && uc_mem_read(uc, address, state->saved, size) == UC_ERR_OK) {
        state->pending = 1;
        state->address = (uint32_t)address;
        state->size = (uint32_t)size;
    }
    uc_emu_stop(uc);
    return 1;
}

static void on_access(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *user) {
    refused(uc, type, address, size, user);
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *user) {
    refused(uc, type, address, size, user);
    return false;
}

int weft_uc_emulate_mpu(uc_engine *uc, weft_mpu_state *state) {
    uc_hook hook, unmapped;
    if (uc_hook_add(uc, &hook, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_access, state, 1, 0) != UC_ERR_OK)
        return -1;
    return uc_hook_add(uc, &unmapped, UC_HOOK_MEM_UNMAPPED, (void *)on_unmapped, state, 1, 0) == UC_ERR_OK ? 0 : -1;
}

int weft_uc_emulate_task(uc_engine *uc, weft_mpu_state *state) {
    state->task = 1;
    return weft_uc_emulate_mpu(uc, state);
}

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

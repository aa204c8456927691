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

#endif

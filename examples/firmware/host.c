/* host.c: the reference — firmware.c compiled natively for the machine building the
   example, running the same demo (demo.h) and printing its transcript on stdout. The
   firmware image must print the same bytes into its console buffer (the tests compare
   them: docs/firmware.md). */
#include <stdio.h>

#include "firmware.c"

static void demo_emit(const char *text, uint32_t n) { fwrite(text, 1, n, stdout); }

#define DEMO_PTR(p) ((void *)(p))
#include "demo.h"

/* The board support the module imports. */
uint32_t hal_ticks(void) { return demo_ticks; }
void hal_led(int32_t on) { demo_led(on); }

int main(void) {
    fw_init();
    demo_run();
    return 0;
}

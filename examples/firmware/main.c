/* main.c: the native side of the example firmware on an STM32F103C8 ("Blue Pill"): the
   board support the module imports (hal_ticks, hal_led), a console on USART1, the fault
   report, and main, which sets up the board and the module and runs the demo (demo.h)
   through the exports of weft's object. Everything it knows of that object comes from the
   header `weft compile --header` wrote (sensor_node.h): names, prototypes, WEFT_PTR.

   The console's bytes also go to console[] in RAM, which the tests read
   (Tests/CompileTests/FirmwareExampleTests.swift). */
#include <stdint.h>

#include "firmware.h"
#include "sensor_node.h"

/* The registers used here (RM0008). */
#define REG(address) (*(volatile uint32_t *)(address))
#define RCC_APB2ENR REG(0x40021018u)
#define GPIOC_CRH REG(0x40011004u)
#define GPIOC_BSRR REG(0x40011010u)
#define USART1_SR REG(0x40013800u)
#define USART1_DR REG(0x40013804u)
#define USART1_BRR REG(0x40013808u)
#define USART1_CR1 REG(0x4001380Cu)
#define SCB_CFSR REG(0xE000ED28u)
#define SCB_HFSR REG(0xE000ED2Cu)
#define SCB_AIRCR REG(0xE000ED0Cu)

#define USART_SR_TXE (1u << 7)

/* What the console printed (a copy of the UART's output) and how much. */
char console[2048];
uint32_t console_length;

/* The last fault: the stacked PC, CFSR and HFSR (0 while there was none). */
volatile uint32_t fault_pc, fault_cfsr, fault_hfsr;

static void console_put(char c) {
    while ((USART1_SR & USART_SR_TXE) == 0) {
    }
    USART1_DR = (uint8_t)c;
    if (console_length < sizeof console) console[console_length++] = c;
}

static void demo_emit(const char *text, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) console_put(text[i]);
}

#define DEMO_PTR(p) WEFT_PTR(p)
#include "demo.h"

/* The imports the module calls (sensor_node.h declares them). */
int32_t hal_ticks(void) { return (int32_t)demo_ticks; }

void hal_led(int32_t on) {
    GPIOC_BSRR = on ? 1u << (13 + 16) : 1u << 13; /* PC13 drives the LED low-active */
    demo_led(on);
}

static void console_hex(uint32_t v) {
    for (int shift = 28; shift >= 0; shift -= 4) console_put("0123456789ABCDEF"[(v >> shift) & 15]);
}

/* Called by HardFault_Handler (startup.c) with the exception's stacked frame: r0-r3, r12,
   lr, pc, xPSR. A Wasm trap arrives here as a UsageFault (the udf) escalated to HardFault. */
void fault_report(const uint32_t *frame) {
    fault_pc = frame[6];
    fault_cfsr = SCB_CFSR;
    fault_hfsr = SCB_HFSR;
    demo_emit("FAULT pc=", 9);
    console_hex(fault_pc);
    demo_emit("\r\n", 2);
    /* A real product resets here; the debugger (or the tests) find the record above. */
    SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
    __asm volatile("dsb");
    for (;;) {
    }
}

static void board_init(void) {
    RCC_APB2ENR |= (1u << 4) | (1u << 14); /* GPIOC, USART1 */
    GPIOC_CRH = (GPIOC_CRH & ~(0xFu << 20)) | (0x2u << 20); /* PC13: push-pull output, 2 MHz */
    GPIOC_BSRR = 1u << 13;                                  /* LED off */
    USART1_BRR = 0x45;                                      /* 115200 baud at 8 MHz */
    USART1_CR1 = (1u << 13) | (1u << 3);                    /* UE, TE */
}

int main(void) {
    board_init();
#if WEFT_HAS_INIT
    weft_init(); /* the module's memory and globals: once, before any export */
#endif
    fw_init();
    demo_run();
    return 0;
}

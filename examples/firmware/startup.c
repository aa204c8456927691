/* startup.c: the vector table and reset for a Cortex-M3 (STM32F103C8), with the symbols of
   stm32f103c8.ld. Reset_Handler sets the stack pointer, copies .data from flash, zeroes
   .bss (weft's linear memory is there under --memory linked), then calls main; main calls
   weft_init before any export of the module (main.c). HardFault_Handler hands the stacked
   exception frame to fault_report (main.c): a Wasm trap's udf is a UsageFault, escalated
   to HardFault because nothing enables UsageFault in SCB->SHCSR. */
#include <stdint.h>

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];

int main(void);
void fault_report(const uint32_t *frame);

void Reset_Handler(void);
void HardFault_Handler(void);
void Default_Handler(void);
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

/* The system exceptions; the part's 43 interrupt vectors would follow (this firmware
   enables none). */
__attribute__((section(".isr_vector"), used)) void (*const vector_table[16])(void) = {
    (void (*)(void))_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};

static void __attribute__((noreturn, used)) reset_c(void) {
    uint32_t *from = _sidata;
    for (uint32_t *to = _sdata; to < _edata;) *to++ = *from++;
    for (uint32_t *to = _sbss; to < _ebss;) *to++ = 0;
    main();
    for (;;) {
    }
}

/* The stack pointer is set here too, as ST's startup code does, so a bootloader (or a
   debugger) may jump to Reset_Handler directly. */
__attribute__((naked, noreturn)) void Reset_Handler(void) {
    __asm volatile(
        "ldr r0, =_estack\n"
        "mov sp, r0\n"
        "b reset_c\n"
        ".ltorg\n");
}

/* The stacked frame is on the main stack unless the fault came from thread mode on the
   process stack (EXC_RETURN bit 2). */
__attribute__((naked)) void HardFault_Handler(void) {
    __asm volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "b fault_report\n");
}

void Default_Handler(void) {
    for (;;) {
    }
}

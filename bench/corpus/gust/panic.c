/* Fault reporting: remember the code, then stop. */
#include "gust.h"

volatile uint32_t gust_fault;

void gust_panic(uint32_t code) {
    gust_fault = code;
    __builtin_trap();
}

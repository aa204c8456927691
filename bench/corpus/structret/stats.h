#pragma once
#include <stdint.h>

struct stats {
    int32_t min, max;
    int32_t sum;
    uint32_t negatives;
};

struct stats block_stats(const int16_t *v, uint32_t n);

/* A PID step in Q8 fixed point with anti-windup on the integral term. The state may come
   from anywhere (a buffer filled by the caller), so every field is brought into range before
   use: no input can overflow. */
#include <stdint.h>

int32_t clamp_i32(int32_t v, int32_t lo, int32_t hi);

struct pid {
    uint16_t kp, ki, kd, pad; /* gains, Q8, at most 10 bits used */
    int32_t integral;         /* accumulated error */
    int32_t last_error;
    int32_t out_min, out_max;
};

int32_t pid_step(struct pid *c, int32_t setpoint, int32_t measured) {
    int32_t kp = c->kp & 0x3FF, ki = c->ki & 0x3FF, kd = c->kd & 0x3FF;
    int32_t sp = clamp_i32(setpoint, -4096, 4096);
    int32_t pv = clamp_i32(measured, -4096, 4096);
    int32_t error = sp - pv;
    int32_t integral = clamp_i32(clamp_i32(c->integral, -65536, 65536) + error, -65536, 65536);
    int32_t last = clamp_i32(c->last_error, -8192, 8192);
    c->integral = integral;
    c->last_error = error;
    int32_t out = (kp * error + ki * (integral >> 4) + kd * (error - last)) >> 8;
    return clamp_i32(out, c->out_min, c->out_max);
}

/* Run the controller over a block of measurements toward one setpoint; outputs in place. */
int32_t pid_run(struct pid *c, int32_t setpoint, int32_t *measured, uint32_t n) {
    int32_t last = 0;
    for (uint32_t i = 0; i < n; i++) {
        last = pid_step(c, setpoint, measured[i]);
        measured[i] = last;
    }
    return last;
}

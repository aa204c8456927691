;; Helpers of `weft compile`: the float operators libgcc has no routine for (and the
;; saturating truncations to i64, which libgcc's do not saturate), written as Wasm on the
;; IEEE bits, so no libm is linked. A tile calls one by its export name
;; (`(call @weft_f32_min $d ?a ?b)`); the module compiler then compiles the helpers the
;; object calls with weft's own pipeline and adds them as local functions (docs/compile.md).
;; Every function here is exported under the symbol tiles call it by; the AEABI routines are
;; imports. NaN results follow Wasm: a NaN operand comes back quieted (its payload kept, an
;; arithmetic NaN), a NaN made from numbers is the canonical one.
(module
  (import "env" "__aeabi_f2lz" (func $f2lz (param f32) (result i64)))
  (import "env" "__aeabi_f2ulz" (func $f2ulz (param f32) (result i64)))
  (import "env" "__aeabi_d2lz" (func $d2lz (param f64) (result i64)))
  (import "env" "__aeabi_d2ulz" (func $d2ulz (param f64) (result i64)))

  ;; ---- min and max: a NaN operand gives it quieted; else the order of the bits mapped to
  ;; unsigned keys (negatives reversed), in which -0 < +0 as Wasm's min and max want.
  (func (export "weft_f32_min") (param $a f32) (param $b f32) (result f32)
    (local $x i32) (local $y i32)
    (local.set $x (i32.reinterpret_f32 (local.get $a)))
    (local.set $y (i32.reinterpret_f32 (local.get $b)))
    (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
      (then (return (f32.reinterpret_i32 (i32.or (local.get $x) (i32.const 0x400000))))))
    (if (i32.gt_u (i32.and (local.get $y) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
      (then (return (f32.reinterpret_i32 (i32.or (local.get $y) (i32.const 0x400000))))))
    (select (local.get $a) (local.get $b)
      (i32.lt_u
        (i32.xor (local.get $x) (i32.or (i32.shr_s (local.get $x) (i32.const 31)) (i32.const 0x80000000)))
        (i32.xor (local.get $y) (i32.or (i32.shr_s (local.get $y) (i32.const 31)) (i32.const 0x80000000))))))

  (func (export "weft_f32_max") (param $a f32) (param $b f32) (result f32)
    (local $x i32) (local $y i32)
    (local.set $x (i32.reinterpret_f32 (local.get $a)))
    (local.set $y (i32.reinterpret_f32 (local.get $b)))
    (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
      (then (return (f32.reinterpret_i32 (i32.or (local.get $x) (i32.const 0x400000))))))
    (if (i32.gt_u (i32.and (local.get $y) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
      (then (return (f32.reinterpret_i32 (i32.or (local.get $y) (i32.const 0x400000))))))
    (select (local.get $a) (local.get $b)
      (i32.gt_u
        (i32.xor (local.get $x) (i32.or (i32.shr_s (local.get $x) (i32.const 31)) (i32.const 0x80000000)))
        (i32.xor (local.get $y) (i32.or (i32.shr_s (local.get $y) (i32.const 31)) (i32.const 0x80000000))))))

  (func (export "weft_f64_min") (param $a f64) (param $b f64) (result f64)
    (local $x i64) (local $y i64)
    (local.set $x (i64.reinterpret_f64 (local.get $a)))
    (local.set $y (i64.reinterpret_f64 (local.get $b)))
    (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (f64.reinterpret_i64 (i64.or (local.get $x) (i64.const 0x8000000000000))))))
    (if (i64.gt_u (i64.and (local.get $y) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (f64.reinterpret_i64 (i64.or (local.get $y) (i64.const 0x8000000000000))))))
    (select (local.get $a) (local.get $b)
      (i64.lt_u
        (i64.xor (local.get $x) (i64.or (i64.shr_s (local.get $x) (i64.const 63)) (i64.const 0x8000000000000000)))
        (i64.xor (local.get $y) (i64.or (i64.shr_s (local.get $y) (i64.const 63)) (i64.const 0x8000000000000000))))))

  (func (export "weft_f64_max") (param $a f64) (param $b f64) (result f64)
    (local $x i64) (local $y i64)
    (local.set $x (i64.reinterpret_f64 (local.get $a)))
    (local.set $y (i64.reinterpret_f64 (local.get $b)))
    (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (f64.reinterpret_i64 (i64.or (local.get $x) (i64.const 0x8000000000000))))))
    (if (i64.gt_u (i64.and (local.get $y) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (f64.reinterpret_i64 (i64.or (local.get $y) (i64.const 0x8000000000000))))))
    (select (local.get $a) (local.get $b)
      (i64.gt_u
        (i64.xor (local.get $x) (i64.or (i64.shr_s (local.get $x) (i64.const 63)) (i64.const 0x8000000000000000)))
        (i64.xor (local.get $y) (i64.or (i64.shr_s (local.get $y) (i64.const 63)) (i64.const 0x8000000000000000))))))

  ;; ---- rounding to an integral value: $mode 0 trunc, 1 floor, 2 ceil, 3 nearest (ties to
  ;; even). e is the unbiased exponent; from e = 23 (52) on every value is integral (and
  ;; infinities and NaNs pass, a NaN quieted); below, the fraction's mask m = 0x7fffff >> e is
  ;; cleared after adding m + 1 to the magnitude when the mode rounds it away from zero (a
  ;; carry into the exponent is the next binade, as it should be).
  (func $round32 (export "weft_round_f32") (param $x i32) (param $mode i32) (result i32)
    (local $e i32) (local $m i32) (local $f i32) (local $neg i32) (local $up i32)
    (local.set $e (i32.sub (i32.and (i32.shr_u (local.get $x) (i32.const 23)) (i32.const 0xff)) (i32.const 127)))
    (local.set $neg (i32.shr_u (local.get $x) (i32.const 31)))
    (if (i32.ge_s (local.get $e) (i32.const 23))
      (then
        (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
          (then (return (i32.or (local.get $x) (i32.const 0x400000)))))
        (return (local.get $x))))
    (if (i32.lt_s (local.get $e) (i32.const 0))
      (then
        ;; |x| < 1: ±0, or ±1 where the mode rounds away from zero.
        (local.set $up (i32.const 0))
        (if (i32.and (local.get $x) (i32.const 0x7fffffff))
          (then
            (if (i32.eq (local.get $mode) (i32.const 1)) (then (local.set $up (local.get $neg))))
            (if (i32.eq (local.get $mode) (i32.const 2)) (then (local.set $up (i32.eqz (local.get $neg)))))
            (if (i32.eq (local.get $mode) (i32.const 3))
              (then (local.set $up (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x3f000000)))))))
        (return
          (i32.or (i32.and (local.get $x) (i32.const 0x80000000))
            (select (i32.const 0x3f800000) (i32.const 0) (local.get $up))))))
    (local.set $m (i32.shr_u (i32.const 0x7fffff) (local.get $e)))
    (local.set $f (i32.and (local.get $x) (local.get $m)))
    (if (i32.eqz (local.get $f)) (then (return (local.get $x))))
    (local.set $up (i32.const 0))
    (if (i32.eq (local.get $mode) (i32.const 1)) (then (local.set $up (local.get $neg))))
    (if (i32.eq (local.get $mode) (i32.const 2)) (then (local.set $up (i32.eqz (local.get $neg)))))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then
        ;; the half is (m + 1) / 2; a tie goes up when the integral part is odd.
        (local.set $up
          (i32.or
            (i32.gt_u (local.get $f) (i32.shr_u (i32.add (local.get $m) (i32.const 1)) (i32.const 1)))
            (i32.and
              (i32.eq (local.get $f) (i32.shr_u (i32.add (local.get $m) (i32.const 1)) (i32.const 1)))
              (i32.ne (i32.and (local.get $x) (i32.add (local.get $m) (i32.const 1))) (i32.const 0)))))))
    (if (local.get $up) (then (local.set $x (i32.add (local.get $x) (local.get $m)))))
    (i32.and (local.get $x) (i32.xor (local.get $m) (i32.const -1))))

  (func $round64 (export "weft_round_f64") (param $x i64) (param $mode i32) (result i64)
    (local $e i32) (local $m i64) (local $f i64) (local $neg i32) (local $up i32) (local $half i64)
    (local.set $e
      (i32.sub (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 52))) (i32.const 0x7ff)) (i32.const 1023)))
    (local.set $neg (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 63))))
    (if (i32.ge_s (local.get $e) (i32.const 52))
      (then
        (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
          (then (return (i64.or (local.get $x) (i64.const 0x8000000000000)))))
        (return (local.get $x))))
    (if (i32.lt_s (local.get $e) (i32.const 0))
      (then
        (local.set $up (i32.const 0))
        (if (i64.ne (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0))
          (then
            (if (i32.eq (local.get $mode) (i32.const 1)) (then (local.set $up (local.get $neg))))
            (if (i32.eq (local.get $mode) (i32.const 2)) (then (local.set $up (i32.eqz (local.get $neg)))))
            (if (i32.eq (local.get $mode) (i32.const 3))
              (then
                (local.set $up
                  (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x3fe0000000000000)))))))
        (return
          (i64.or (i64.and (local.get $x) (i64.const 0x8000000000000000))
            (select (i64.const 0x3ff0000000000000) (i64.const 0) (local.get $up))))))
    (local.set $m (i64.shr_u (i64.const 0xfffffffffffff) (i64.extend_i32_u (local.get $e))))
    (local.set $f (i64.and (local.get $x) (local.get $m)))
    (if (i64.eqz (local.get $f)) (then (return (local.get $x))))
    (local.set $up (i32.const 0))
    (if (i32.eq (local.get $mode) (i32.const 1)) (then (local.set $up (local.get $neg))))
    (if (i32.eq (local.get $mode) (i32.const 2)) (then (local.set $up (i32.eqz (local.get $neg)))))
    (if (i32.eq (local.get $mode) (i32.const 3))
      (then
        (local.set $half (i64.shr_u (i64.add (local.get $m) (i64.const 1)) (i64.const 1)))
        (local.set $up
          (i32.or
            (i64.gt_u (local.get $f) (local.get $half))
            (i32.and
              (i64.eq (local.get $f) (local.get $half))
              (i64.ne (i64.and (local.get $x) (i64.add (local.get $m) (i64.const 1))) (i64.const 0)))))))
    (if (local.get $up) (then (local.set $x (i64.add (local.get $x) (local.get $m)))))
    (i64.and (local.get $x) (i64.xor (local.get $m) (i64.const -1))))

  (func (export "weft_f32_trunc") (param f32) (result f32)
    (f32.reinterpret_i32 (call $round32 (i32.reinterpret_f32 (local.get 0)) (i32.const 0))))
  (func (export "weft_f32_floor") (param f32) (result f32)
    (f32.reinterpret_i32 (call $round32 (i32.reinterpret_f32 (local.get 0)) (i32.const 1))))
  (func (export "weft_f32_ceil") (param f32) (result f32)
    (f32.reinterpret_i32 (call $round32 (i32.reinterpret_f32 (local.get 0)) (i32.const 2))))
  (func (export "weft_f32_nearest") (param f32) (result f32)
    (f32.reinterpret_i32 (call $round32 (i32.reinterpret_f32 (local.get 0)) (i32.const 3))))
  (func (export "weft_f64_trunc") (param f64) (result f64)
    (f64.reinterpret_i64 (call $round64 (i64.reinterpret_f64 (local.get 0)) (i32.const 0))))
  (func (export "weft_f64_floor") (param f64) (result f64)
    (f64.reinterpret_i64 (call $round64 (i64.reinterpret_f64 (local.get 0)) (i32.const 1))))
  (func (export "weft_f64_ceil") (param f64) (result f64)
    (f64.reinterpret_i64 (call $round64 (i64.reinterpret_f64 (local.get 0)) (i32.const 2))))
  (func (export "weft_f64_nearest") (param f64) (result f64)
    (f64.reinterpret_i64 (call $round64 (i64.reinterpret_f64 (local.get 0)) (i32.const 3))))

  ;; ---- square root, correctly rounded: the significand (denormals normalized, the
  ;; exponent made even) has its root taken bit by bit (restoring, as fdlibm's e_sqrt), one
  ;; bit past the last; that bit and a non-zero remainder round (a root is never a tie).
  (func (export "weft_f32_sqrt") (param $a f32) (result f32)
    (local $x i32) (local $e i32) (local $q i32) (local $s i32) (local $r i32) (local $t i32)
    (local.set $x (i32.reinterpret_f32 (local.get $a)))
    (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000))
      (then (return (f32.reinterpret_i32 (i32.or (local.get $x) (i32.const 0x400000))))))
    (if (i32.eqz (i32.and (local.get $x) (i32.const 0x7fffffff))) (then (return (local.get $a))))
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (return (f32.reinterpret_i32 (i32.const 0x7fc00000)))))
    (if (i32.eq (local.get $x) (i32.const 0x7f800000)) (then (return (local.get $a))))
    (local.set $e (i32.shr_u (local.get $x) (i32.const 23)))
    (if (i32.eqz (local.get $e))
      (then
        (local.set $e (i32.const 1))
        (loop $normalize
          (if (i32.eqz (i32.and (local.get $x) (i32.const 0x800000)))
            (then
              (local.set $x (i32.shl (local.get $x) (i32.const 1)))
              (local.set $e (i32.sub (local.get $e) (i32.const 1)))
              (br $normalize))))))
    (local.set $e (i32.sub (local.get $e) (i32.const 127)))
    (local.set $x (i32.or (i32.and (local.get $x) (i32.const 0x7fffff)) (i32.const 0x800000)))
    (if (i32.and (local.get $e) (i32.const 1)) (then (local.set $x (i32.add (local.get $x) (local.get $x)))))
    (local.set $e (i32.shr_s (local.get $e) (i32.const 1)))
    (local.set $x (i32.add (local.get $x) (local.get $x)))
    (local.set $r (i32.const 0x1000000))
    (loop $bit
      (local.set $t (i32.add (local.get $s) (local.get $r)))
      (if (i32.le_u (local.get $t) (local.get $x))
        (then
          (local.set $s (i32.add (local.get $t) (local.get $r)))
          (local.set $x (i32.sub (local.get $x) (local.get $t)))
          (local.set $q (i32.add (local.get $q) (local.get $r)))))
      (local.set $x (i32.add (local.get $x) (local.get $x)))
      (local.set $r (i32.shr_u (local.get $r) (i32.const 1)))
      (br_if $bit (local.get $r)))
    (if (local.get $x) (then (local.set $q (i32.add (local.get $q) (i32.and (local.get $q) (i32.const 1))))))
    (f32.reinterpret_i32
      (i32.add (i32.add (i32.shr_u (local.get $q) (i32.const 1)) (i32.const 0x3f000000))
        (i32.shl (local.get $e) (i32.const 23)))))

  (func (export "weft_f64_sqrt") (param $a f64) (result f64)
    (local $x i64) (local $e i32) (local $q i64) (local $s i64) (local $r i64) (local $t i64)
    (local.set $x (i64.reinterpret_f64 (local.get $a)))
    (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (f64.reinterpret_i64 (i64.or (local.get $x) (i64.const 0x8000000000000))))))
    (if (i64.eqz (i64.and (local.get $x) (i64.const 0x7fffffffffffffff))) (then (return (local.get $a))))
    (if (i64.lt_s (local.get $x) (i64.const 0))
      (then (return (f64.reinterpret_i64 (i64.const 0x7ff8000000000000)))))
    (if (i64.eq (local.get $x) (i64.const 0x7ff0000000000000)) (then (return (local.get $a))))
    (local.set $e (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 52))))
    (if (i32.eqz (local.get $e))
      (then
        (local.set $e (i32.const 1))
        (loop $normalize
          (if (i64.eqz (i64.and (local.get $x) (i64.const 0x10000000000000)))
            (then
              (local.set $x (i64.shl (local.get $x) (i64.const 1)))
              (local.set $e (i32.sub (local.get $e) (i32.const 1)))
              (br $normalize))))))
    (local.set $e (i32.sub (local.get $e) (i32.const 1023)))
    (local.set $x (i64.or (i64.and (local.get $x) (i64.const 0xfffffffffffff)) (i64.const 0x10000000000000)))
    (if (i32.and (local.get $e) (i32.const 1)) (then (local.set $x (i64.add (local.get $x) (local.get $x)))))
    (local.set $e (i32.shr_s (local.get $e) (i32.const 1)))
    (local.set $x (i64.add (local.get $x) (local.get $x)))
    (local.set $r (i64.const 0x20000000000000))
    (loop $bit
      (local.set $t (i64.add (local.get $s) (local.get $r)))
      (if (i64.le_u (local.get $t) (local.get $x))
        (then
          (local.set $s (i64.add (local.get $t) (local.get $r)))
          (local.set $x (i64.sub (local.get $x) (local.get $t)))
          (local.set $q (i64.add (local.get $q) (local.get $r)))))
      (local.set $x (i64.add (local.get $x) (local.get $x)))
      (local.set $r (i64.shr_u (local.get $r) (i64.const 1)))
      (br_if $bit (i64.ne (local.get $r) (i64.const 0))))
    (if (i64.ne (local.get $x) (i64.const 0))
      (then (local.set $q (i64.add (local.get $q) (i64.and (local.get $q) (i64.const 1))))))
    (f64.reinterpret_i64
      (i64.add (i64.add (i64.shr_u (local.get $q) (i64.const 1)) (i64.const 0x3fe0000000000000))
        (i64.shl (i64.extend_i32_s (local.get $e)) (i64.const 52)))))

  ;; ---- saturating truncation to i64: NaN gives 0, out of range the nearest bound, else
  ;; libgcc's truncation (exact in range), judged on the bits.
  (func (export "weft_i64_trunc_sat_f32_s") (param $a f32) (result i64)
    (local $x i32)
    (local.set $x (i32.reinterpret_f32 (local.get $a)))
    (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000)) (then (return (i64.const 0))))
    (if (i32.ge_s (local.get $x) (i32.const 0x5f000000)) (then (return (i64.const 0x7fffffffffffffff))))
    (if (i32.ge_u (local.get $x) (i32.const 0xdf000000)) (then (return (i64.const 0x8000000000000000))))
    (call $f2lz (local.get $a)))

  (func (export "weft_i64_trunc_sat_f32_u") (param $a f32) (result i64)
    (local $x i32)
    (local.set $x (i32.reinterpret_f32 (local.get $a)))
    (if (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000)) (then (return (i64.const 0))))
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (return (i64.const 0))))
    (if (i32.ge_u (local.get $x) (i32.const 0x5f800000)) (then (return (i64.const -1))))
    (call $f2ulz (local.get $a)))

  (func (export "weft_i64_trunc_sat_f64_s") (param $a f64) (result i64)
    (local $x i64)
    (local.set $x (i64.reinterpret_f64 (local.get $a)))
    (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (i64.const 0))))
    (if (i64.ge_s (local.get $x) (i64.const 0x43e0000000000000)) (then (return (i64.const 0x7fffffffffffffff))))
    (if (i64.ge_u (local.get $x) (i64.const 0xc3e0000000000000)) (then (return (i64.const 0x8000000000000000))))
    (call $d2lz (local.get $a)))

  (func (export "weft_i64_trunc_sat_f64_u") (param $a f64) (result i64)
    (local $x i64)
    (local.set $x (i64.reinterpret_f64 (local.get $a)))
    (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
      (then (return (i64.const 0))))
    (if (i64.lt_s (local.get $x) (i64.const 0)) (then (return (i64.const 0))))
    (if (i64.ge_u (local.get $x) (i64.const 0x43f0000000000000)) (then (return (i64.const -1))))
    (call $d2ulz (local.get $a)))
)

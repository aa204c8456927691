;; A scheduler poll loop in the shape of the case that started Weft (see DESIGN.md):
;; a hot `gust_poll` reads a ring of samples (8-, 16- and 32-bit fields at offsets), calls a
;; tiny mixer and a five-argument `transition`, wraps a ring index at 6 and takes a counter
;; modulo a runtime period. `weft optimize` on this file is what `make run` shows.
(module $gust
  (import "env" "panic" (func $panic (param i32)))
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const 65536))

  ;; The mixer: a few adds, a shift, two clamps.
  (func $mix (param $a i32) (param $b i32) (result i32)
    (local $m i32)
    (local.set $m (i32.shr_s (i32.add (i32.add (local.get $a) (local.get $b)) (i32.const 1)) (i32.const 1)))
    (if (i32.lt_s (local.get $m) (i32.const -2048)) (then (local.set $m (i32.const -2048))))
    (if (i32.gt_s (local.get $m) (i32.const 2047)) (then (local.set $m (i32.const 2047))))
    (local.get $m))

  ;; Task-table transition: five arguments, writes the task's new state.
  (func $transition (param $task i32) (param $from i32) (param $to i32) (param $tick i32) (param $level i32) (result i32)
    (if (i32.ge_u (local.get $task) (i32.const 8)) (then (call $panic (local.get $task))))
    (if (i32.ne (i32.load8_u offset=4 (i32.mul (local.get $task) (i32.const 12))) (local.get $from))
      (then (return (i32.const 0))))
    (i32.store8 offset=4 (i32.mul (local.get $task) (i32.const 12)) (local.get $to))
    (i32.store offset=8 (i32.mul (local.get $task) (i32.const 12)) (i32.add (local.get $tick) (local.get $level)))
    (i32.const 1))

  ;; The hot path.
  (func $gust_poll (export "gust_poll") (param $period i32) (result i32)
    (local $idx i32) (local $base i32) (local $level i32) (local $count i32)
    (local.set $idx (i32.load offset=96 (i32.const 0)))
    (local.set $base (i32.add (i32.const 128) (i32.mul (local.get $idx) (i32.const 8))))
    (local.set $level
      (call $mix (i32.load16_u offset=4 (local.get $base)) (i32.load8_u offset=6 (local.get $base))))
    (local.set $level (i32.add (local.get $level) (i32.load offset=52 (local.get $base))))
    (local.set $count (i32.add (i32.load offset=100 (i32.const 0)) (i32.const 1)))
    (i32.store offset=100 (i32.const 0) (local.get $count))
    (if (i32.eqz (i32.rem_u (local.get $count) (local.get $period)))
      (then
        (drop (call $transition (i32.const 1) (i32.const 0) (i32.const 1) (local.get $count) (local.get $level)))
        (drop (call $transition (i32.const 2) (i32.const 1) (i32.const 2) (local.get $count) (local.get $level)))))
    ;; ring index wraps at 6
    (i32.store offset=96 (i32.const 0)
      (select (i32.const 0) (i32.add (local.get $idx) (i32.const 1))
        (i32.eq (i32.add (local.get $idx) (i32.const 1)) (i32.const 6))))
    (local.get $level))
)

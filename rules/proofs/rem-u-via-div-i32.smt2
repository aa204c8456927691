; Proof of rule rem-u-via-div-i32, written by `weft prove --write`.
; rule: rem-u-via-div-i32
; digest: 483bfeb1c702655d29fadcc8ff44138045e84005a755f74b1a0bc733a87cdf73
; theory: int
; The rule is sound when every query below is unsat: `z3 rem-u-via-div-i32.smt2` prints
; `unsat` once.
;   rule rem-u-via-div-i32: (i32.rem_u ?x (i32.const ?d)) => (i32.sub ?x (i32.mul (i32.div_u ?x (i32.const ?d)) (i32.const ?d)))
;     if (ugt ?d 1)
;     fires (i32.rem_u ?a (i32.const 6)) => (i32.sub ?a (i32.mul (i32.div_u ?a (i32.const 6)) (i32.const 6)))
;     stops (i32.rem_u ?a (i32.const 1))

(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 2147483647) (=> (>= ?d 1) (and (<= (* ?d q0) ?x) (<= ?x (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 2147483646) (=> (>= 4294967296 1) (and (<= (* 4294967296 q1) (* q0 ?d)) (<= (* q0 ?d) (+ (* 4294967296 q1) (- 4294967296 1)))))))
; left: (i32.rem_u ?x (i32.const ?d))
(assert (= lhs (- ?x (* ?d q0))))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.sub ?x (i32.mul (i32.div_u ?x (i32.const ?d)) (i32.const ?d)))
(assert (= rhs (let ((t0 (- ?x (- (* q0 ?d) (* 4294967296 q1))))) (ite (<= t0 (- 0 1)) (+ t0 4294967296) t0))))
(assert (= rhs.trap (= ?d 0)))
; if (ugt ?d 1)
(assert (<= 1 (- ?d 1)))
; the bound the guards imply
(assert (>= ?d 2))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))

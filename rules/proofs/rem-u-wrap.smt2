; Proof of rule rem-u-wrap, written by `weft prove --write`.
; rule: rem-u-wrap
; digest: 504b12ff96b15bbe8c074a505c1c04fe66068bf7b0ceb7e5893841ca5c7a757e
; theory: int
; The rule is sound when every query below is unsat: `z3 rem-u-wrap.smt2` prints
; `unsat` once.
;   rule rem-u-wrap:
;     (i32.rem_u (i32.add ?i (i32.const 1)) (i32.const ?n))
;       => (select (i32.const 0) (i32.add ?i (i32.const 1))
;                  (i32.eq (i32.add ?i (i32.const 1)) (i32.const ?n)))
;     if (ult ?i ?n)
;     fires (i32.rem_u (i32.add (i32.rem_u ?x (i32.const 6)) (i32.const 1)) (i32.const 6))
;       => (select (i32.const 0) (i32.add (i32.rem_u ?x (i32.const 6)) (i32.const 1))
;                  (i32.eq (i32.add (i32.rem_u ?x (i32.const 6)) (i32.const 1)) (i32.const 6)))
;     stops (i32.rem_u (i32.add (i32.rem_u ?x (i32.const 7)) (i32.const 1)) (i32.const 6))

(declare-const ?i Int)
(declare-const ?n Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(assert (and (<= 0 ?i) (<= ?i 4294967295)))
(assert (and (<= 0 ?n) (<= ?n 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 4294967295) (=> (>= ?n 1) (and (<= (* ?n q0) (let ((t0 (+ ?i 1))) (ite (>= t0 4294967296) (- t0 4294967296) t0))) (<= (let ((t0 (+ ?i 1))) (ite (>= t0 4294967296) (- t0 4294967296) t0)) (+ (* ?n q0) (- ?n 1)))))))
; left: (i32.rem_u (i32.add ?i (i32.const 1)) (i32.const ?n))
(assert (= lhs (- (let ((t0 (+ ?i 1))) (ite (>= t0 4294967296) (- t0 4294967296) t0)) (* ?n q0))))
(assert (= lhs.trap (= ?n 0)))
; right: (select (i32.const 0) (i32.add ?i (i32.const 1)) (i32.eq (i32.add ?i (i32.const 1)) (i32.const ?n)))
(assert (= rhs (ite (or (>= (ite (= (let ((t2 (+ ?i 1))) (ite (>= t2 4294967296) (- t2 4294967296) t2)) ?n) 1 0) (+ 0 1)) (>= 0 (+ (ite (= (let ((t2 (+ ?i 1))) (ite (>= t2 4294967296) (- t2 4294967296) t2)) ?n) 1 0) 1))) 0 (let ((t1 (+ ?i 1))) (ite (>= t1 4294967296) (- t1 4294967296) t1)))))
(assert (= rhs.trap false))
; if (ult ?i ?n)
(assert (<= ?i (- ?n 1)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))

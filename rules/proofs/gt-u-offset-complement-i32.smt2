; Proof of rule gt-u-offset-complement-i32, written by `weft prove --write`.
; rule: gt-u-offset-complement-i32
; digest: a143e675266d45c9baec22fbe403a6ba27678173ea6ed71612cdce205d5d5f06
; theory: int
; The rule is sound when every query below is unsat: `z3 gt-u-offset-complement-i32.smt2` prints
; `unsat` once.
;   rule gt-u-offset-complement-i32:
;     (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;       => (i32.lt_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
;     if (ne ?c 0xffffffff)
;     fires (i32.gt_u (i32.add ?q (i32.const -11)) (i32.const -11))
;       => (i32.lt_u (i32.add ?q (i32.const -1)) (i32.const 10))
;     stops (i32.gt_u (i32.add ?q (i32.const 5)) (i32.const -1))

(declare-const ?x Int)
(declare-const ?k Int)
(declare-const ?c Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?k) (<= ?k 4294967295)))
(assert (and (<= 0 ?c) (<= ?c 4294967295)))
; left: (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= lhs (ite (<= ?c (- (let ((t0 (+ ?x ?k))) (ite (>= t0 4294967296) (- t0 4294967296) t0)) 1)) 1 0)))
(assert (= lhs.trap false))
; right: (i32.lt_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
(assert (= rhs (ite (<= (let ((t3 (+ ?x (let ((t2 (- ?k (let ((t1 (+ ?c 1))) (ite (>= t1 4294967296) (- t1 4294967296) t1))))) (ite (<= t2 (- 0 1)) (+ t2 4294967296) t2))))) (ite (>= t3 4294967296) (- t3 4294967296) t3)) (- (let ((t5 (- (let ((t4 (+ ?c 1))) (ite (>= t4 4294967296) (- t4 4294967296) t4))))) (ite (<= t5 (- 0 1)) (+ t5 4294967296) t5)) 1)) 1 0)))
(assert (= rhs.trap false))
; if (ne ?c 4294967295)
(assert (or (>= ?c (+ 4294967295 1)) (>= 4294967295 (+ ?c 1))))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))

; Proof of rule gt-s-of-max-i32, written by `weft prove --write`.
; rule: gt-s-of-max-i32
; digest: f7bfd619969b8b0e37d646337b807e0d338359b6905a6ab7d03e446118244147
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-s-of-max-i32.smt2` prints
; `unsat` once.
;   rule gt-s-of-max-i32:
;     (i32.gt_s (select ?x (i32.const ?lo) (i32.gt_s ?x (i32.const ?lo))) (i32.const ?hi))
;       => (i32.gt_s ?x (i32.const ?hi))
;     if (ult (xor ?lo 0x80000000) (xor ?hi 0x80000000))
;     fires (i32.gt_s (select ?a (i32.const 0) (i32.gt_s ?a (i32.const 0))) (i32.const 255))
;       => (i32.gt_s ?a (i32.const 255))
;     stops (i32.gt_s (select ?a (i32.const 9) (i32.gt_s ?a (i32.const 9))) (i32.const 3))

(declare-const ?x (_ BitVec 32))
(declare-const ?lo (_ BitVec 32))
(declare-const ?hi (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_s (select ?x (i32.const ?lo) (i32.gt_s ?x (i32.const ?lo))) (i32.const ?hi))
(assert (= lhs (ite (bvsgt (ite (not (= (ite (bvsgt ?x ?lo) #x00000001 #x00000000) #x00000000)) ?x ?lo) ?hi) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_s ?x (i32.const ?hi))
(assert (= rhs (ite (bvsgt ?x ?hi) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ult (xor ?lo 2147483648) (xor ?hi 2147483648))
(assert (bvult (bvxor ((_ zero_extend 32) ?lo) #x0000000080000000) (bvxor ((_ zero_extend 32) ?hi) #x0000000080000000)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

; Proof of rule rem-u-wrap, written by `weft prove --write`.
; rule: rem-u-wrap
; digest: 504b12ff96b15bbe8c074a505c1c04fe66068bf7b0ceb7e5893841ca5c7a757e
; theory: bv
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

(declare-const ?i (_ BitVec 32))
(declare-const ?n (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.rem_u (i32.add ?i (i32.const 1)) (i32.const ?n))
(assert (= lhs (bvurem (bvadd ?i #x00000001) ?n)))
(assert (= lhs.trap (= ?n #x00000000)))
; right: (select (i32.const 0) (i32.add ?i (i32.const 1)) (i32.eq (i32.add ?i (i32.const 1)) (i32.const ?n)))
(assert (= rhs (ite (not (= (ite (= (bvadd ?i #x00000001) ?n) #x00000001 #x00000000) #x00000000)) #x00000000 (bvadd ?i #x00000001))))
(assert (= rhs.trap false))
; if (ult ?i ?n)
(assert (bvult ((_ zero_extend 32) ?i) ((_ zero_extend 32) ?n)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

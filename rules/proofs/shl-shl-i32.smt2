; Proof of rule shl-shl-i32, written by `weft prove --write`.
; rule: shl-shl-i32
; digest: 52250497e987f5dde957fd252e309388c6a731fd901a40bc241028be915d5e31
; theory: bv
; The rule is sound when every query below is unsat: `z3 shl-shl-i32.smt2` prints
; `unsat` once.
;   rule shl-shl-i32: (i32.shl (i32.shl ?x (i32.const ?a)) (i32.const ?b))
;       => (i32.shl ?x (i32.const (+ (and ?a 31) (and ?b 31))))
;     if (ult (+ (and ?a 31) (and ?b 31)) 32)
;     fires (i32.shl (i32.shl ?y (i32.const 3)) (i32.const 4)) => (i32.shl ?y (i32.const 7))
;     stops (i32.shl (i32.shl ?y (i32.const 30)) (i32.const 4))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shl (i32.shl ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvshl (bvshl ?x (bvand ?a #x0000001f)) (bvand ?b #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.shl ?x (i32.const (+ (and ?a 31) (and ?b 31))))
(assert (= rhs (bvshl ?x (bvand (bvadd (bvand ?a #x0000001f) (bvand ?b #x0000001f)) #x0000001f))))
(assert (= rhs.trap false))
; if (ult (+ (and ?a 31) (and ?b 31)) 32)
(assert (bvult (bvadd (bvand ((_ zero_extend 32) ?a) #x000000000000001f) (bvand ((_ zero_extend 32) ?b) #x000000000000001f)) #x0000000000000020))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

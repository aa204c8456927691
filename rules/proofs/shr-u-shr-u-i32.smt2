; Proof of rule shr-u-shr-u-i32, written by `weft prove --write`.
; rule: shr-u-shr-u-i32
; digest: d8bcbc5dabd66d7420be9d492e24c6a0ce394763cfac3da524bf635ebcdf91c5
; theory: bv
; The rule is sound when every query below is unsat: `z3 shr-u-shr-u-i32.smt2` prints
; `unsat` once.
;   rule shr-u-shr-u-i32: (i32.shr_u (i32.shr_u ?x (i32.const ?a)) (i32.const ?b))
;       => (i32.shr_u ?x (i32.const (+ (and ?a 31) (and ?b 31))))
;     if (ult (+ (and ?a 31) (and ?b 31)) 32)
;     fires (i32.shr_u (i32.shr_u ?y (i32.const 8)) (i32.const 8)) => (i32.shr_u ?y (i32.const 16))
;     stops (i32.shr_u (i32.shr_u ?y (i32.const 16)) (i32.const 16))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_u (i32.shr_u ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvlshr (bvlshr ?x (bvand ?a #x0000001f)) (bvand ?b #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.shr_u ?x (i32.const (+ (and ?a 31) (and ?b 31))))
(assert (= rhs (bvlshr ?x (bvand (bvadd (bvand ?a #x0000001f) (bvand ?b #x0000001f)) #x0000001f))))
(assert (= rhs.trap false))
; if (ult (+ (and ?a 31) (and ?b 31)) 32)
(assert (bvult (bvadd (bvand ((_ zero_extend 32) ?a) #x000000000000001f) (bvand ((_ zero_extend 32) ?b) #x000000000000001f)) #x0000000000000020))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

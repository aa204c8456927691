; Proof of rule shl-count-i32, written by `weft prove --write`.
; rule: shl-count-i32
; digest: ecbd0ed0fde495dff9f2744ca2984b08b8da59c2ed4db44e66ea5e3e90d29d00
; theory: bv
; The rule is sound when every query below is unsat: `z3 shl-count-i32.smt2` prints
; `unsat` once.
;   rule shl-count-i32: (i32.shl ?x (i32.const ?c)) => (i32.shl ?x (i32.const (and ?c 31))) if (ugt ?c 31)
;     fires (i32.shl ?a (i32.const 130)) => (i32.shl ?a (i32.const 2))
;     stops (i32.shl ?a (i32.const 31))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shl ?x (i32.const ?c))
(assert (= lhs (bvshl ?x (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.shl ?x (i32.const (and ?c 31)))
(assert (= rhs (bvshl ?x (bvand (bvand ?c #x0000001f) #x0000001f))))
(assert (= rhs.trap false))
; if (ugt ?c 31)
(assert (bvugt ((_ zero_extend 32) ?c) #x000000000000001f))
; the bound the guards imply
(assert (bvuge ?c #x00000020))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

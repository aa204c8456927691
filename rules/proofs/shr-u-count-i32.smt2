; Proof of rule shr-u-count-i32, written by `weft prove --write`.
; rule: shr-u-count-i32
; digest: af42f86011e60076d3c557916605a1398fd34424376349426bd3247487a6a23f
; theory: bv
; The rule is sound when every query below is unsat: `z3 shr-u-count-i32.smt2` prints
; `unsat` once.
;   rule shr-u-count-i32: (i32.shr_u ?x (i32.const ?c)) => (i32.shr_u ?x (i32.const (and ?c 31))) if (ugt ?c 31)
;     fires (i32.shr_u ?a (i32.const -1)) => (i32.shr_u ?a (i32.const 31))
;     stops (i32.shr_u ?a (i32.const 5))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_u ?x (i32.const ?c))
(assert (= lhs (bvlshr ?x (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.shr_u ?x (i32.const (and ?c 31)))
(assert (= rhs (bvlshr ?x (bvand (bvand ?c #x0000001f) #x0000001f))))
(assert (= rhs.trap false))
; if (ugt ?c 31)
(assert (bvugt ((_ zero_extend 32) ?c) #x000000000000001f))
; the bound the guards imply
(assert (bvuge ?c #x00000020))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

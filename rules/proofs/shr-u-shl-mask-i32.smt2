; Proof of rule shr-u-shl-mask-i32, written by `weft prove --write`.
; rule: shr-u-shl-mask-i32
; digest: 2806dabb6e756d2f181f0e1e945b002aa482741313f2d21e6c263d365d641c24
; theory: bv
; The rule is sound when every query below is unsat: `z3 shr-u-shl-mask-i32.smt2` prints
; `unsat` once.
;   rule shr-u-shl-mask-i32: (i32.shl (i32.shr_u ?x (i32.const ?c)) (i32.const ?c))
;       => (i32.and ?x (i32.const (shl -1 (and ?c 31))))
;     fires (i32.shl (i32.shr_u ?y (i32.const 4)) (i32.const 4)) => (i32.and ?y (i32.const -16))
;     stops (i32.shl (i32.shr_u ?y (i32.const 4)) (i32.const 3))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shl (i32.shr_u ?x (i32.const ?c)) (i32.const ?c))
(assert (= lhs (bvshl (bvlshr ?x (bvand ?c #x0000001f)) (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.and ?x (i32.const (shl -1 (and ?c 31))))
(assert (= rhs (bvand ?x (bvshl #xffffffff (bvand ?c #x0000001f)))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

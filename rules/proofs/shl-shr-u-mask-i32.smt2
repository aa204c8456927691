; Proof of rule shl-shr-u-mask-i32, written by `weft prove --write`.
; rule: shl-shr-u-mask-i32
; digest: 9214cb8877ce698b7e317d0afe0808e07ea5fa151691a9446e2c1b4b1aaf26ca
; theory: bv
; The rule is sound when every query below is unsat: `z3 shl-shr-u-mask-i32.smt2` prints
; `unsat` once.
;   rule shl-shr-u-mask-i32: (i32.shr_u (i32.shl ?x (i32.const ?c)) (i32.const ?c))
;       => (i32.and ?x (i32.const (shr_u -1 (and ?c 31))))
;     fires (i32.shr_u (i32.shl ?y (i32.const 24)) (i32.const 24)) => (i32.and ?y (i32.const 255))
;     stops (i32.shr_u (i32.shl ?y (i32.const 24)) (i32.const 16))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_u (i32.shl ?x (i32.const ?c)) (i32.const ?c))
(assert (= lhs (bvlshr (bvshl ?x (bvand ?c #x0000001f)) (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: (i32.and ?x (i32.const (shr_u -1 (and ?c 31))))
(assert (= rhs (bvand ?x (bvlshr #xffffffff (bvand ?c #x0000001f)))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

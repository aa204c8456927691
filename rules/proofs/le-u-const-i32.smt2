; Proof of rule le-u-const-i32, written by `weft prove --write`.
; rule: le-u-const-i32
; digest: 8cff8a950dda910d525d1d588db1ab083fee691c9b1e5d37ecee37a7b156a203
; theory: bv
; The rule is sound when every query below is unsat: `z3 le-u-const-i32.smt2` prints
; `unsat` once.
;   rule le-u-const-i32: (i32.le_u ?x (i32.const ?c)) => (i32.lt_u ?x (i32.const (+ ?c 1))) if (ne ?c 0xFFFFFFFF)
;     fires (i32.le_u ?a (i32.const 9)) => (i32.lt_u ?a (i32.const 10))
;     stops (i32.le_u ?a (i32.const -1))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.le_u ?x (i32.const ?c))
(assert (= lhs (ite (bvule ?x ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u ?x (i32.const (+ ?c 1)))
(assert (= rhs (ite (bvult ?x (bvadd ?c #x00000001)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 4294967295)
(assert (not (= ((_ zero_extend 32) ?c) #x00000000ffffffff)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

; Proof of rule lt-u-offset-complement-i32, written by `weft prove --write`.
; rule: lt-u-offset-complement-i32
; digest: ae2bc37609f0db352c1a84a2b51adfdedaff9534cd43a028fd24cb21a4451405
; theory: bv
; The rule is sound when every query below is unsat: `z3 lt-u-offset-complement-i32.smt2` prints
; `unsat` once.
;   rule lt-u-offset-complement-i32:
;     (i32.lt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;       => (i32.ge_u (i32.add ?x (i32.const (- ?k ?c))) (i32.const (neg ?c)))
;     if (ne ?c 0)
;     fires (i32.lt_u (i32.add ?q (i32.const -11)) (i32.const -10))
;       => (i32.ge_u (i32.add ?q (i32.const -1)) (i32.const 10))
;     stops (i32.lt_u (i32.add ?q (i32.const 5)) (i32.const 0))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.lt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= lhs (ite (bvult (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ge_u (i32.add ?x (i32.const (- ?k ?c))) (i32.const (neg ?c)))
(assert (= rhs (ite (bvuge (bvadd ?x (bvsub ?k ?c)) (bvneg ?c)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 0)
(assert (not (= ((_ zero_extend 32) ?c) #x0000000000000000)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

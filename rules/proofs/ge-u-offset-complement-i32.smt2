; Proof of rule ge-u-offset-complement-i32, written by `weft prove --write`.
; rule: ge-u-offset-complement-i32
; digest: 5286e77f66b7f26d9433912676012dc94edb6cea6f6a3f9be0408287af2cb55e
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-u-offset-complement-i32.smt2` prints
; `unsat` once.
;   rule ge-u-offset-complement-i32:
;     (i32.ge_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;       => (i32.lt_u (i32.add ?x (i32.const (- ?k ?c))) (i32.const (neg ?c)))
;     if (ne ?c 0)
;     fires (i32.ge_u (i32.add ?q (i32.const -11)) (i32.const -10))
;       => (i32.lt_u (i32.add ?q (i32.const -1)) (i32.const 10))
;     stops (i32.ge_u (i32.add ?q (i32.const 5)) (i32.const 0))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ge_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= lhs (ite (bvuge (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u (i32.add ?x (i32.const (- ?k ?c))) (i32.const (neg ?c)))
(assert (= rhs (ite (bvult (bvadd ?x (bvsub ?k ?c)) (bvneg ?c)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 0)
(assert (not (= ((_ zero_extend 32) ?c) #x0000000000000000)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

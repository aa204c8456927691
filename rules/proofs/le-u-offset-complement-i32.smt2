; Proof of rule le-u-offset-complement-i32, written by `weft prove --write`.
; rule: le-u-offset-complement-i32
; digest: be88c0a01497efd99800cd4b4c25b12140a275c7b0fcbad569e7423be4e8f57b
; theory: bv
; The rule is sound when every query below is unsat: `z3 le-u-offset-complement-i32.smt2` prints
; `unsat` once.
;   rule le-u-offset-complement-i32:
;     (i32.le_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;       => (i32.ge_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
;     if (ne ?c 0xffffffff)
;     fires (i32.le_u (i32.add ?q (i32.const -11)) (i32.const -11))
;       => (i32.ge_u (i32.add ?q (i32.const -1)) (i32.const 10))
;     stops (i32.le_u (i32.add ?q (i32.const 5)) (i32.const -1))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.le_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= lhs (ite (bvule (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ge_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
(assert (= rhs (ite (bvuge (bvadd ?x (bvsub ?k (bvadd ?c #x00000001))) (bvneg (bvadd ?c #x00000001))) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 4294967295)
(assert (not (= ((_ zero_extend 32) ?c) #x00000000ffffffff)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

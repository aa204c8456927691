; Proof of rule gt-u-offset-complement-i32, written by `weft prove --write`.
; rule: gt-u-offset-complement-i32
; digest: a143e675266d45c9baec22fbe403a6ba27678173ea6ed71612cdce205d5d5f06
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-offset-complement-i32.smt2` prints
; `unsat` once.
;   rule gt-u-offset-complement-i32:
;     (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;       => (i32.lt_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
;     if (ne ?c 0xffffffff)
;     fires (i32.gt_u (i32.add ?q (i32.const -11)) (i32.const -11))
;       => (i32.lt_u (i32.add ?q (i32.const -1)) (i32.const 10))
;     stops (i32.gt_u (i32.add ?q (i32.const 5)) (i32.const -1))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= lhs (ite (bvugt (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u (i32.add ?x (i32.const (- ?k (+ ?c 1)))) (i32.const (neg (+ ?c 1))))
(assert (= rhs (ite (bvult (bvadd ?x (bvsub ?k (bvadd ?c #x00000001))) (bvneg (bvadd ?c #x00000001))) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 4294967295)
(assert (not (= ((_ zero_extend 32) ?c) #x00000000ffffffff)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

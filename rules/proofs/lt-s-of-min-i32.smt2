; Proof of rule lt-s-of-min-i32, written by `weft prove --write`.
; rule: lt-s-of-min-i32
; digest: e4955275d56891e24fcd66e57bf232cb7ca653173cfa3b3654d6f3586acd32ed
; theory: bv
; The rule is sound when every query below is unsat: `z3 lt-s-of-min-i32.smt2` prints
; `unsat` once.
;   rule lt-s-of-min-i32:
;     (i32.lt_s (select ?x (i32.const ?hi) (i32.lt_s ?x (i32.const ?hi))) (i32.const ?lo))
;       => (i32.lt_s ?x (i32.const ?lo))
;     if (ult (xor ?lo 0x80000000) (xor ?hi 0x80000000))
;     fires (i32.lt_s (select ?a (i32.const 255) (i32.lt_s ?a (i32.const 255))) (i32.const 0))
;       => (i32.lt_s ?a (i32.const 0))
;     stops (i32.lt_s (select ?a (i32.const -1) (i32.lt_s ?a (i32.const -1))) (i32.const 0))

(declare-const ?x (_ BitVec 32))
(declare-const ?hi (_ BitVec 32))
(declare-const ?lo (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.lt_s (select ?x (i32.const ?hi) (i32.lt_s ?x (i32.const ?hi))) (i32.const ?lo))
(assert (= lhs (ite (bvslt (ite (not (= (ite (bvslt ?x ?hi) #x00000001 #x00000000) #x00000000)) ?x ?hi) ?lo) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_s ?x (i32.const ?lo))
(assert (= rhs (ite (bvslt ?x ?lo) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ult (xor ?lo 2147483648) (xor ?hi 2147483648))
(assert (bvult (bvxor ((_ zero_extend 32) ?lo) #x0000000080000000) (bvxor ((_ zero_extend 32) ?hi) #x0000000080000000)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

; Proof of rule lt-u-byte-offset-i32, written by `weft prove --write`.
; rule: lt-u-byte-offset-i32
; digest: 3af43ecb1366c86421314e3052e51691fe6caa81266825a9aa95cc67521e15f3
; theory: bv
; The rule is sound when every query below is unsat: `z3 lt-u-byte-offset-i32.smt2` prints
; `unsat` once.
;   rule lt-u-byte-offset-i32:
;     (i32.lt_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
;       => (i32.lt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;     if (ult ?x 256) if (ule ?c 256) if (ule (and (+ ?k (- 256 ?c)) 0xffffffff) (- 256 ?c))
;     fires (i32.lt_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -48)) (i32.const 255)) (i32.const 10))
;       => (i32.lt_u (i32.add (i32.and ?q (i32.const 255)) (i32.const -48)) (i32.const 10))
;     stops (i32.lt_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -250)) (i32.const 255)) (i32.const 10))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.lt_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
(assert (= lhs (ite (bvult (bvand (bvadd ?x ?k) #x000000ff) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= rhs (ite (bvult (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ult ?x 256)
(assert (bvult ((_ zero_extend 32) ?x) #x0000000000000100))
; if (ule ?c 256)
(assert (bvule ((_ zero_extend 32) ?c) #x0000000000000100))
; if (ule (and (+ ?k (- 256 ?c)) 4294967295) (- 256 ?c))
(assert (bvule (bvand (bvadd ((_ zero_extend 32) ?k) (bvsub #x0000000000000100 ((_ zero_extend 32) ?c))) #x00000000ffffffff) (bvsub #x0000000000000100 ((_ zero_extend 32) ?c))))
; the bound the guards imply
(assert (bvule ?x #x000000ff))
; the bound the guards imply
(assert (bvule ?c #x00000100))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

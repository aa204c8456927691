; Proof of rule le-u-byte-offset-i32, written by `weft prove --write`.
; rule: le-u-byte-offset-i32
; digest: bdbbc8457280fd4b9b3de5c2a3054cd0e44cd4114782941b1d06502a2053e625
; theory: bv
; The rule is sound when every query below is unsat: `z3 le-u-byte-offset-i32.smt2` prints
; `unsat` once.
;   rule le-u-byte-offset-i32:
;     (i32.le_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
;       => (i32.le_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;     if (ult ?x 256) if (ult ?c 256) if (ule (and (+ ?k (- 255 ?c)) 0xffffffff) (- 255 ?c))
;     fires (i32.le_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -48)) (i32.const 255)) (i32.const 9))
;       => (i32.le_u (i32.add (i32.and ?q (i32.const 255)) (i32.const -48)) (i32.const 9))
;     stops (i32.le_u (i32.and (i32.add ?q (i32.const -48)) (i32.const 255)) (i32.const 9))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.le_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
(assert (= lhs (ite (bvule (bvand (bvadd ?x ?k) #x000000ff) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.le_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= rhs (ite (bvule (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ult ?x 256)
(assert (bvult ((_ zero_extend 32) ?x) #x0000000000000100))
; if (ult ?c 256)
(assert (bvult ((_ zero_extend 32) ?c) #x0000000000000100))
; if (ule (and (+ ?k (- 255 ?c)) 4294967295) (- 255 ?c))
(assert (bvule (bvand (bvadd ((_ zero_extend 32) ?k) (bvsub #x00000000000000ff ((_ zero_extend 32) ?c))) #x00000000ffffffff) (bvsub #x00000000000000ff ((_ zero_extend 32) ?c))))
; the bound the guards imply
(assert (bvule ?x #x000000ff))
; the bound the guards imply
(assert (bvule ?c #x000000ff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

; Proof of rule gt-u-byte-offset-i32, written by `weft prove --write`.
; rule: gt-u-byte-offset-i32
; digest: b2b0900c60278f9c09155f1906ccea6cc0045349c2bc897d3fea6e8ca2cefffc
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-byte-offset-i32.smt2` prints
; `unsat` once.
;   rule gt-u-byte-offset-i32:
;     (i32.gt_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
;       => (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
;     if (ult ?x 256) if (ult ?c 256) if (ule (and (+ ?k (- 255 ?c)) 0xffffffff) (- 255 ?c))
;     fires (i32.gt_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -65)) (i32.const 255)) (i32.const 5))
;       => (i32.gt_u (i32.add (i32.and ?q (i32.const 255)) (i32.const -65)) (i32.const 5))
;     stops (i32.gt_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -65)) (i32.const 255)) (i32.const 200))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
(assert (= lhs (ite (bvugt (bvand (bvadd ?x ?k) #x000000ff) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_u (i32.add ?x (i32.const ?k)) (i32.const ?c))
(assert (= rhs (ite (bvugt (bvadd ?x ?k) ?c) #x00000001 #x00000000)))
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

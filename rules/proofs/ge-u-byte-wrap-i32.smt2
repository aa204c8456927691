; Proof of rule ge-u-byte-wrap-i32, written by `weft prove --write`.
; rule: ge-u-byte-wrap-i32
; digest: 7bf382d5e1a15bab3f42ffd2a470213895bc9407488935b59e6347e5a35056b7
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-u-byte-wrap-i32.smt2` prints
; `unsat` once.
;   rule ge-u-byte-wrap-i32:
;     (i32.ge_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
;       => (i32.lt_u (i32.add ?x (i32.const (- (+ ?k 256) ?c))) (i32.const (- 256 ?c)))
;     if (ult ?x 256) if (uge ?k 0xffffff01) if (ule ?c 256) if (ule (and (+ ?k 256) 0xffffffff) ?c)
;     fires (i32.ge_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -58)) (i32.const 255)) (i32.const 246))
;       => (i32.lt_u (i32.add (i32.and ?q (i32.const 255)) (i32.const -48)) (i32.const 10))
;     stops (i32.ge_u (i32.and (i32.add (i32.and ?q (i32.const 255)) (i32.const -58)) (i32.const 255)) (i32.const 100))

(declare-const ?x (_ BitVec 32))
(declare-const ?k (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ge_u (i32.and (i32.add ?x (i32.const ?k)) (i32.const 255)) (i32.const ?c))
(assert (= lhs (ite (bvuge (bvand (bvadd ?x ?k) #x000000ff) ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u (i32.add ?x (i32.const (- (+ ?k 256) ?c))) (i32.const (- 256 ?c)))
(assert (= rhs (ite (bvult (bvadd ?x (bvsub (bvadd ?k #x00000100) ?c)) (bvsub #x00000100 ?c)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ult ?x 256)
(assert (bvult ((_ zero_extend 32) ?x) #x0000000000000100))
; if (uge ?k 4294967041)
(assert (bvuge ((_ zero_extend 32) ?k) #x00000000ffffff01))
; if (ule ?c 256)
(assert (bvule ((_ zero_extend 32) ?c) #x0000000000000100))
; if (ule (and (+ ?k 256) 4294967295) ?c)
(assert (bvule (bvand (bvadd ((_ zero_extend 32) ?k) #x0000000000000100) #x00000000ffffffff) ((_ zero_extend 32) ?c)))
; the bound the guards imply
(assert (bvule ?x #x000000ff))
; the bound the guards imply
(assert (bvuge ?k #xffffff01))
; the bound the guards imply
(assert (bvule ?c #x00000100))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))

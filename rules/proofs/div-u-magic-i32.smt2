; Proof of rule div-u-magic-i32, written by `weft prove --write`.
; rule: div-u-magic-i32
; digest: 1fc95b9e8a8cca620fadef4066745756563b9ebde8864acf8f008d8c7b0fe8f2
; theory: int
; The rule is sound when every query below is unsat: `z3 div-u-magic-i32.smt2` prints
; `unsat` 64 times.
;   rule div-u-magic-i32: (i32.div_u ?x (i32.const ?d))
;       => (i32.wrap_i64
;            (i64.shr_u
;              (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1)))
;              (i64.const (+ 32 (log2 (- ?d 1))))))
;     if (ugt ?d 2)
;     if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1)))))
;             (shl 1 (log2 (- ?d 1))))
;     fires (i32.div_u ?a (i32.const 6))
;       => (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?a) (i64.const 0xAAAAAAAB)) (i64.const 34)))
;     stops (i32.div_u ?a (i32.const 7))

; case (log2 (- ?d 1)) = 0
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 1431655765 q0) (<= q0 2147483648) (=> (>= ?d 1) (and (<= (* ?d q0) 4294967296) (<= 4294967296 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 2147483647) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2147483648) (=> (>= 4294967296 1) (and (<= (* 4294967296 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4294967296 q2) (- 4294967296 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 4294967296) 1))
; the bound the guards imply
(assert (>= ?d 3))
; the bound the guards imply
(assert (<= ?d 2))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 0
(assert (and (>= (- ?d 1) 1) (<= (- ?d 1) 1)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 1
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 2863311530) (=> (>= ?d 1) (and (<= (* ?d q0) 8589934592) (<= 8589934592 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1431655765) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1431655765) (=> (>= 8589934592 1) (and (<= (* 8589934592 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 8589934592 q2) (- 8589934592 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 8589934592))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 2))
; the bound the guards imply
(assert (>= ?d 3))
; the bound the guards imply
(assert (<= ?d 4))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 1
(assert (and (>= (- ?d 1) 2) (<= (- ?d 1) 3)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 2
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 3435973836) (=> (>= ?d 1) (and (<= (* ?d q0) 17179869184) (<= 17179869184 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 858993459) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 858993459) (=> (>= 17179869184 1) (and (<= (* 17179869184 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 17179869184 q2) (- 17179869184 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 17179869184))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 4))
; the bound the guards imply
(assert (>= ?d 5))
; the bound the guards imply
(assert (<= ?d 8))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 2
(assert (and (>= (- ?d 1) 4) (<= (- ?d 1) 7)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 3
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 3817748707) (=> (>= ?d 1) (and (<= (* ?d q0) 34359738368) (<= 34359738368 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 477218588) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 477218588) (=> (>= 34359738368 1) (and (<= (* 34359738368 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 34359738368 q2) (- 34359738368 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 34359738368))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 8))
; the bound the guards imply
(assert (>= ?d 9))
; the bound the guards imply
(assert (<= ?d 16))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 3
(assert (and (>= (- ?d 1) 8) (<= (- ?d 1) 15)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 4
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4042322160) (=> (>= ?d 1) (and (<= (* ?d q0) 68719476736) (<= 68719476736 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 252645135) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 252645135) (=> (>= 68719476736 1) (and (<= (* 68719476736 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 68719476736 q2) (- 68719476736 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 68719476736))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 16))
; the bound the guards imply
(assert (>= ?d 17))
; the bound the guards imply
(assert (<= ?d 32))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 4
(assert (and (>= (- ?d 1) 16) (<= (- ?d 1) 31)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 5
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4164816771) (=> (>= ?d 1) (and (<= (* ?d q0) 137438953472) (<= 137438953472 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 130150524) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 130150524) (=> (>= 137438953472 1) (and (<= (* 137438953472 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 137438953472 q2) (- 137438953472 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 137438953472))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 32))
; the bound the guards imply
(assert (>= ?d 33))
; the bound the guards imply
(assert (<= ?d 64))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 5
(assert (and (>= (- ?d 1) 32) (<= (- ?d 1) 63)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 6
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4228890876) (=> (>= ?d 1) (and (<= (* ?d q0) 274877906944) (<= 274877906944 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 66076419) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 66076419) (=> (>= 274877906944 1) (and (<= (* 274877906944 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 274877906944 q2) (- 274877906944 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 274877906944))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 64))
; the bound the guards imply
(assert (>= ?d 65))
; the bound the guards imply
(assert (<= ?d 128))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 6
(assert (and (>= (- ?d 1) 64) (<= (- ?d 1) 127)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 7
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4261672975) (=> (>= ?d 1) (and (<= (* ?d q0) 549755813888) (<= 549755813888 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 33294320) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 33294320) (=> (>= 549755813888 1) (and (<= (* 549755813888 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 549755813888 q2) (- 549755813888 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 549755813888))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 128))
; the bound the guards imply
(assert (>= ?d 129))
; the bound the guards imply
(assert (<= ?d 256))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 7
(assert (and (>= (- ?d 1) 128) (<= (- ?d 1) 255)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 8
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4278255360) (=> (>= ?d 1) (and (<= (* ?d q0) 1099511627776) (<= 1099511627776 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 16711935) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 16711935) (=> (>= 1099511627776 1) (and (<= (* 1099511627776 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1099511627776 q2) (- 1099511627776 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 1099511627776))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 256))
; the bound the guards imply
(assert (>= ?d 257))
; the bound the guards imply
(assert (<= ?d 512))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 8
(assert (and (>= (- ?d 1) 256) (<= (- ?d 1) 511)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 9
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4286595040) (=> (>= ?d 1) (and (<= (* ?d q0) 2199023255552) (<= 2199023255552 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 8372255) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 8372255) (=> (>= 2199023255552 1) (and (<= (* 2199023255552 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2199023255552 q2) (- 2199023255552 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 2199023255552))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 512))
; the bound the guards imply
(assert (>= ?d 513))
; the bound the guards imply
(assert (<= ?d 1024))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 9
(assert (and (>= (- ?d 1) 512) (<= (- ?d 1) 1023)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 10
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4290777084) (=> (>= ?d 1) (and (<= (* ?d q0) 4398046511104) (<= 4398046511104 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 4190211) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 4190211) (=> (>= 4398046511104 1) (and (<= (* 4398046511104 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4398046511104 q2) (- 4398046511104 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 4398046511104))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 1024))
; the bound the guards imply
(assert (>= ?d 1025))
; the bound the guards imply
(assert (<= ?d 2048))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 10
(assert (and (>= (- ?d 1) 1024) (<= (- ?d 1) 2047)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 11
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4292871167) (=> (>= ?d 1) (and (<= (* ?d q0) 8796093022208) (<= 8796093022208 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 2096128) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2096128) (=> (>= 8796093022208 1) (and (<= (* 8796093022208 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 8796093022208 q2) (- 8796093022208 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 8796093022208))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 2048))
; the bound the guards imply
(assert (>= ?d 2049))
; the bound the guards imply
(assert (<= ?d 4096))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 11
(assert (and (>= (- ?d 1) 2048) (<= (- ?d 1) 4095)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 12
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4293918975) (=> (>= ?d 1) (and (<= (* ?d q0) 17592186044416) (<= 17592186044416 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1048320) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1048320) (=> (>= 17592186044416 1) (and (<= (* 17592186044416 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 17592186044416 q2) (- 17592186044416 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 17592186044416))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 4096))
; the bound the guards imply
(assert (>= ?d 4097))
; the bound the guards imply
(assert (<= ?d 8192))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 12
(assert (and (>= (- ?d 1) 4096) (<= (- ?d 1) 8191)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 13
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294443071) (=> (>= ?d 1) (and (<= (* ?d q0) 35184372088832) (<= 35184372088832 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 524224) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 524224) (=> (>= 35184372088832 1) (and (<= (* 35184372088832 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 35184372088832 q2) (- 35184372088832 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 35184372088832))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 8192))
; the bound the guards imply
(assert (>= ?d 8193))
; the bound the guards imply
(assert (<= ?d 16384))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 13
(assert (and (>= (- ?d 1) 8192) (<= (- ?d 1) 16383)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 14
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294705167) (=> (>= ?d 1) (and (<= (* ?d q0) 70368744177664) (<= 70368744177664 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 262128) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 262128) (=> (>= 70368744177664 1) (and (<= (* 70368744177664 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 70368744177664 q2) (- 70368744177664 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 70368744177664))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 16384))
; the bound the guards imply
(assert (>= ?d 16385))
; the bound the guards imply
(assert (<= ?d 32768))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 14
(assert (and (>= (- ?d 1) 16384) (<= (- ?d 1) 32767)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 15
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294836227) (=> (>= ?d 1) (and (<= (* ?d q0) 140737488355328) (<= 140737488355328 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 131068) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 131068) (=> (>= 140737488355328 1) (and (<= (* 140737488355328 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 140737488355328 q2) (- 140737488355328 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 140737488355328))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 32768))
; the bound the guards imply
(assert (>= ?d 32769))
; the bound the guards imply
(assert (<= ?d 65536))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 15
(assert (and (>= (- ?d 1) 32768) (<= (- ?d 1) 65535)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 16
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294901760) (=> (>= ?d 1) (and (<= (* ?d q0) 281474976710656) (<= 281474976710656 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 65535) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 65535) (=> (>= 281474976710656 1) (and (<= (* 281474976710656 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 281474976710656 q2) (- 281474976710656 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 281474976710656))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 65536))
; the bound the guards imply
(assert (>= ?d 65537))
; the bound the guards imply
(assert (<= ?d 131072))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 16
(assert (and (>= (- ?d 1) 65536) (<= (- ?d 1) 131071)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 17
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294934528) (=> (>= ?d 1) (and (<= (* ?d q0) 562949953421312) (<= 562949953421312 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 32767) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 32767) (=> (>= 562949953421312 1) (and (<= (* 562949953421312 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 562949953421312 q2) (- 562949953421312 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 562949953421312))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 131072))
; the bound the guards imply
(assert (>= ?d 131073))
; the bound the guards imply
(assert (<= ?d 262144))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 17
(assert (and (>= (- ?d 1) 131072) (<= (- ?d 1) 262143)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 18
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294950912) (=> (>= ?d 1) (and (<= (* ?d q0) 1125899906842624) (<= 1125899906842624 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 16383) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 16383) (=> (>= 1125899906842624 1) (and (<= (* 1125899906842624 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1125899906842624 q2) (- 1125899906842624 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 1125899906842624))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 262144))
; the bound the guards imply
(assert (>= ?d 262145))
; the bound the guards imply
(assert (<= ?d 524288))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 18
(assert (and (>= (- ?d 1) 262144) (<= (- ?d 1) 524287)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 19
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294959104) (=> (>= ?d 1) (and (<= (* ?d q0) 2251799813685248) (<= 2251799813685248 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 8191) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 8191) (=> (>= 2251799813685248 1) (and (<= (* 2251799813685248 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2251799813685248 q2) (- 2251799813685248 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 2251799813685248))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 524288))
; the bound the guards imply
(assert (>= ?d 524289))
; the bound the guards imply
(assert (<= ?d 1048576))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 19
(assert (and (>= (- ?d 1) 524288) (<= (- ?d 1) 1048575)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 20
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294963200) (=> (>= ?d 1) (and (<= (* ?d q0) 4503599627370496) (<= 4503599627370496 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 4095) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 4095) (=> (>= 4503599627370496 1) (and (<= (* 4503599627370496 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4503599627370496 q2) (- 4503599627370496 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 4503599627370496))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 1048576))
; the bound the guards imply
(assert (>= ?d 1048577))
; the bound the guards imply
(assert (<= ?d 2097152))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 20
(assert (and (>= (- ?d 1) 1048576) (<= (- ?d 1) 2097151)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 21
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294965248) (=> (>= ?d 1) (and (<= (* ?d q0) 9007199254740992) (<= 9007199254740992 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 2047) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2047) (=> (>= 9007199254740992 1) (and (<= (* 9007199254740992 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 9007199254740992 q2) (- 9007199254740992 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 9007199254740992))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 2097152))
; the bound the guards imply
(assert (>= ?d 2097153))
; the bound the guards imply
(assert (<= ?d 4194304))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 21
(assert (and (>= (- ?d 1) 2097152) (<= (- ?d 1) 4194303)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 22
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294966272) (=> (>= ?d 1) (and (<= (* ?d q0) 18014398509481984) (<= 18014398509481984 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1023) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1023) (=> (>= 18014398509481984 1) (and (<= (* 18014398509481984 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 18014398509481984 q2) (- 18014398509481984 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 18014398509481984))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 4194304))
; the bound the guards imply
(assert (>= ?d 4194305))
; the bound the guards imply
(assert (<= ?d 8388608))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 22
(assert (and (>= (- ?d 1) 4194304) (<= (- ?d 1) 8388607)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 23
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294966784) (=> (>= ?d 1) (and (<= (* ?d q0) 36028797018963968) (<= 36028797018963968 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 511) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 511) (=> (>= 36028797018963968 1) (and (<= (* 36028797018963968 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 36028797018963968 q2) (- 36028797018963968 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 36028797018963968))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 8388608))
; the bound the guards imply
(assert (>= ?d 8388609))
; the bound the guards imply
(assert (<= ?d 16777216))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 23
(assert (and (>= (- ?d 1) 8388608) (<= (- ?d 1) 16777215)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 24
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967040) (=> (>= ?d 1) (and (<= (* ?d q0) 72057594037927936) (<= 72057594037927936 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 255) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 255) (=> (>= 72057594037927936 1) (and (<= (* 72057594037927936 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 72057594037927936 q2) (- 72057594037927936 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 72057594037927936))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 16777216))
; the bound the guards imply
(assert (>= ?d 16777217))
; the bound the guards imply
(assert (<= ?d 33554432))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 24
(assert (and (>= (- ?d 1) 16777216) (<= (- ?d 1) 33554431)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 25
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967168) (=> (>= ?d 1) (and (<= (* ?d q0) 144115188075855872) (<= 144115188075855872 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 127) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 127) (=> (>= 144115188075855872 1) (and (<= (* 144115188075855872 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 144115188075855872 q2) (- 144115188075855872 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 144115188075855872))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 33554432))
; the bound the guards imply
(assert (>= ?d 33554433))
; the bound the guards imply
(assert (<= ?d 67108864))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 25
(assert (and (>= (- ?d 1) 33554432) (<= (- ?d 1) 67108863)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 26
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967232) (=> (>= ?d 1) (and (<= (* ?d q0) 288230376151711744) (<= 288230376151711744 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 63) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 63) (=> (>= 288230376151711744 1) (and (<= (* 288230376151711744 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 288230376151711744 q2) (- 288230376151711744 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 288230376151711744))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 67108864))
; the bound the guards imply
(assert (>= ?d 67108865))
; the bound the guards imply
(assert (<= ?d 134217728))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 26
(assert (and (>= (- ?d 1) 67108864) (<= (- ?d 1) 134217727)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 27
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967264) (=> (>= ?d 1) (and (<= (* ?d q0) 576460752303423488) (<= 576460752303423488 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 31) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 31) (=> (>= 576460752303423488 1) (and (<= (* 576460752303423488 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 576460752303423488 q2) (- 576460752303423488 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 576460752303423488))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 134217728))
; the bound the guards imply
(assert (>= ?d 134217729))
; the bound the guards imply
(assert (<= ?d 268435456))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 27
(assert (and (>= (- ?d 1) 134217728) (<= (- ?d 1) 268435455)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 28
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967280) (=> (>= ?d 1) (and (<= (* ?d q0) 1152921504606846976) (<= 1152921504606846976 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 15) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 15) (=> (>= 1152921504606846976 1) (and (<= (* 1152921504606846976 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1152921504606846976 q2) (- 1152921504606846976 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 1152921504606846976))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 268435456))
; the bound the guards imply
(assert (>= ?d 268435457))
; the bound the guards imply
(assert (<= ?d 536870912))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 28
(assert (and (>= (- ?d 1) 268435456) (<= (- ?d 1) 536870911)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 29
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967288) (=> (>= ?d 1) (and (<= (* ?d q0) 2305843009213693952) (<= 2305843009213693952 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 7) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 7) (=> (>= 2305843009213693952 1) (and (<= (* 2305843009213693952 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2305843009213693952 q2) (- 2305843009213693952 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 2305843009213693952))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 536870912))
; the bound the guards imply
(assert (>= ?d 536870913))
; the bound the guards imply
(assert (<= ?d 1073741824))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 29
(assert (and (>= (- ?d 1) 536870912) (<= (- ?d 1) 1073741823)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 30
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967292) (=> (>= ?d 1) (and (<= (* ?d q0) 4611686018427387904) (<= 4611686018427387904 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 3) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 3) (=> (>= 4611686018427387904 1) (and (<= (* 4611686018427387904 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4611686018427387904 q2) (- 4611686018427387904 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 4611686018427387904))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 1073741824))
; the bound the guards imply
(assert (>= ?d 1073741825))
; the bound the guards imply
(assert (<= ?d 2147483648))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 30
(assert (and (>= (- ?d 1) 1073741824) (<= (- ?d 1) 2147483647)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 31
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 2147483648 q0) (<= q0 4294967294) (=> (>= ?d 1) (and (<= (* ?d q0) 9223372036854775808) (<= 9223372036854775808 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1) (=> (>= 9223372036854775808 1) (and (<= (* 9223372036854775808 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 9223372036854775808 q2) (- 9223372036854775808 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (let ((t0 (- (* (+ q0 1) ?d) 9223372036854775808))) (ite (<= t0 (- 0 1)) (+ t0 18446744073709551616) t0)) 2147483648))
; the bound the guards imply
(assert (>= ?d 2147483649))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 31
(assert (and (>= (- ?d 1) 2147483648) (<= (- ?d 1) 4294967295)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 32
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs (* ?x (+ q0 1))))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 4294967296))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 32
(assert (and (>= (- ?d 1) 4294967296) (<= (- ?d 1) 8589934591)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 33
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2147483647) (=> (>= 2 1) (and (<= (* 2 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2 q2) (- 2 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 8589934592))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 33
(assert (and (>= (- ?d 1) 8589934592) (<= (- ?d 1) 17179869183)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 34
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1073741823) (=> (>= 4 1) (and (<= (* 4 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4 q2) (- 4 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 17179869184))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 34
(assert (and (>= (- ?d 1) 17179869184) (<= (- ?d 1) 34359738367)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 35
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 536870911) (=> (>= 8 1) (and (<= (* 8 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 8 q2) (- 8 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 34359738368))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 35
(assert (and (>= (- ?d 1) 34359738368) (<= (- ?d 1) 68719476735)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 36
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 268435455) (=> (>= 16 1) (and (<= (* 16 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 16 q2) (- 16 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 68719476736))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 36
(assert (and (>= (- ?d 1) 68719476736) (<= (- ?d 1) 137438953471)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 37
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 134217727) (=> (>= 32 1) (and (<= (* 32 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 32 q2) (- 32 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 137438953472))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 37
(assert (and (>= (- ?d 1) 137438953472) (<= (- ?d 1) 274877906943)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 38
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 67108863) (=> (>= 64 1) (and (<= (* 64 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 64 q2) (- 64 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 274877906944))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 38
(assert (and (>= (- ?d 1) 274877906944) (<= (- ?d 1) 549755813887)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 39
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 33554431) (=> (>= 128 1) (and (<= (* 128 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 128 q2) (- 128 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 549755813888))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 39
(assert (and (>= (- ?d 1) 549755813888) (<= (- ?d 1) 1099511627775)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 40
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 16777215) (=> (>= 256 1) (and (<= (* 256 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 256 q2) (- 256 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 1099511627776))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 40
(assert (and (>= (- ?d 1) 1099511627776) (<= (- ?d 1) 2199023255551)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 41
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 8388607) (=> (>= 512 1) (and (<= (* 512 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 512 q2) (- 512 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 2199023255552))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 41
(assert (and (>= (- ?d 1) 2199023255552) (<= (- ?d 1) 4398046511103)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 42
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 4194303) (=> (>= 1024 1) (and (<= (* 1024 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1024 q2) (- 1024 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 4398046511104))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 42
(assert (and (>= (- ?d 1) 4398046511104) (<= (- ?d 1) 8796093022207)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 43
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2097151) (=> (>= 2048 1) (and (<= (* 2048 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2048 q2) (- 2048 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 8796093022208))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 43
(assert (and (>= (- ?d 1) 8796093022208) (<= (- ?d 1) 17592186044415)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 44
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1048575) (=> (>= 4096 1) (and (<= (* 4096 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4096 q2) (- 4096 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 17592186044416))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 44
(assert (and (>= (- ?d 1) 17592186044416) (<= (- ?d 1) 35184372088831)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 45
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 524287) (=> (>= 8192 1) (and (<= (* 8192 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 8192 q2) (- 8192 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 35184372088832))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 45
(assert (and (>= (- ?d 1) 35184372088832) (<= (- ?d 1) 70368744177663)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 46
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 262143) (=> (>= 16384 1) (and (<= (* 16384 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 16384 q2) (- 16384 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 70368744177664))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 46
(assert (and (>= (- ?d 1) 70368744177664) (<= (- ?d 1) 140737488355327)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 47
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 131071) (=> (>= 32768 1) (and (<= (* 32768 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 32768 q2) (- 32768 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 140737488355328))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 47
(assert (and (>= (- ?d 1) 140737488355328) (<= (- ?d 1) 281474976710655)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 48
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 65535) (=> (>= 65536 1) (and (<= (* 65536 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 65536 q2) (- 65536 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 281474976710656))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 48
(assert (and (>= (- ?d 1) 281474976710656) (<= (- ?d 1) 562949953421311)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 49
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 32767) (=> (>= 131072 1) (and (<= (* 131072 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 131072 q2) (- 131072 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 562949953421312))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 49
(assert (and (>= (- ?d 1) 562949953421312) (<= (- ?d 1) 1125899906842623)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 50
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 16383) (=> (>= 262144 1) (and (<= (* 262144 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 262144 q2) (- 262144 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 1125899906842624))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 50
(assert (and (>= (- ?d 1) 1125899906842624) (<= (- ?d 1) 2251799813685247)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 51
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 8191) (=> (>= 524288 1) (and (<= (* 524288 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 524288 q2) (- 524288 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 2251799813685248))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 51
(assert (and (>= (- ?d 1) 2251799813685248) (<= (- ?d 1) 4503599627370495)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 52
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 4095) (=> (>= 1048576 1) (and (<= (* 1048576 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1048576 q2) (- 1048576 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 4503599627370496))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 52
(assert (and (>= (- ?d 1) 4503599627370496) (<= (- ?d 1) 9007199254740991)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 53
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 2047) (=> (>= 2097152 1) (and (<= (* 2097152 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2097152 q2) (- 2097152 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 9007199254740992))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 53
(assert (and (>= (- ?d 1) 9007199254740992) (<= (- ?d 1) 18014398509481983)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 54
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1023) (=> (>= 4194304 1) (and (<= (* 4194304 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 4194304 q2) (- 4194304 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 18014398509481984))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 54
(assert (and (>= (- ?d 1) 18014398509481984) (<= (- ?d 1) 36028797018963967)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 55
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 511) (=> (>= 8388608 1) (and (<= (* 8388608 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 8388608 q2) (- 8388608 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 36028797018963968))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 55
(assert (and (>= (- ?d 1) 36028797018963968) (<= (- ?d 1) 72057594037927935)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 56
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 255) (=> (>= 16777216 1) (and (<= (* 16777216 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 16777216 q2) (- 16777216 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 72057594037927936))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 56
(assert (and (>= (- ?d 1) 72057594037927936) (<= (- ?d 1) 144115188075855871)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 57
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 127) (=> (>= 33554432 1) (and (<= (* 33554432 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 33554432 q2) (- 33554432 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 144115188075855872))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 57
(assert (and (>= (- ?d 1) 144115188075855872) (<= (- ?d 1) 288230376151711743)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 58
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 63) (=> (>= 67108864 1) (and (<= (* 67108864 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 67108864 q2) (- 67108864 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 288230376151711744))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 58
(assert (and (>= (- ?d 1) 288230376151711744) (<= (- ?d 1) 576460752303423487)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 59
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 31) (=> (>= 134217728 1) (and (<= (* 134217728 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 134217728 q2) (- 134217728 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 576460752303423488))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 59
(assert (and (>= (- ?d 1) 576460752303423488) (<= (- ?d 1) 1152921504606846975)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 60
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 15) (=> (>= 268435456 1) (and (<= (* 268435456 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 268435456 q2) (- 268435456 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 1152921504606846976))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 60
(assert (and (>= (- ?d 1) 1152921504606846976) (<= (- ?d 1) 2305843009213693951)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 61
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 7) (=> (>= 536870912 1) (and (<= (* 536870912 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 536870912 q2) (- 536870912 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 2305843009213693952))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 61
(assert (and (>= (- ?d 1) 2305843009213693952) (<= (- ?d 1) 4611686018427387903)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 62
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 3) (=> (>= 1073741824 1) (and (<= (* 1073741824 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 1073741824 q2) (- 1073741824 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 4611686018427387904))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 62
(assert (and (>= (- ?d 1) 4611686018427387904) (<= (- ?d 1) 9223372036854775807)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

; case (log2 (- ?d 1)) = 63
(push 1)
(declare-const ?x Int)
(declare-const ?d Int)
(declare-const lhs Int)
(declare-const rhs Int)
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
(declare-const q0 Int)
(declare-const q1 Int)
(declare-const q2 Int)
(assert (and (<= 0 ?x) (<= ?x 4294967295)))
(assert (and (<= 0 ?d) (<= ?d 4294967295)))
; q0: a quotient
(assert (and (<= 0 q0) (<= q0 0) (=> (>= ?d 1) (and (<= (* ?d q0) 0) (<= 0 (+ (* ?d q0) (- ?d 1)))))))
; q1: a quotient
(assert (and (<= 0 q1) (<= q1 1) (=> (>= ?d 1) (and (<= (* ?d q1) ?x) (<= ?x (+ (* ?d q1) (- ?d 1)))))))
; q2: a quotient
(assert (and (<= 0 q2) (<= q2 1) (=> (>= 2147483648 1) (and (<= (* 2147483648 q2) (* ?x (+ q0 1))) (<= (* ?x (+ q0 1)) (+ (* 2147483648 q2) (- 2147483648 1)))))))
; left: (i32.div_u ?x (i32.const ?d))
(assert (= lhs q1))
(assert (= lhs.trap (= ?d 0)))
; right: (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1))) (i64.const (+ 32 (log2 (- ?d 1))))))
(assert (= rhs q2))
(assert (= rhs.trap false))
; if (ugt ?d 2)
(assert (<= 2 (- ?d 1)))
; if (ule (- (* (+ (udiv (shl 1 (+ 32 (log2 (- ?d 1)))) ?d) 1) ?d) (shl 1 (+ 32 (log2 (- ?d 1))))) (shl 1 (log2 (- ?d 1))))
(assert (<= (- (* (+ q0 1) ?d) 0) 9223372036854775808))
; the bound the guards imply
(assert (>= ?d 1))
; the computed constants are defined
(assert (or (>= ?d (+ 0 1)) (>= 0 (+ ?d 1))))
; case (log2 (- ?d 1)) = 63
(assert (>= (- ?d 1) 9223372036854775808))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (or (>= lhs (+ rhs 1)) (>= rhs (+ lhs 1))))))
(check-sat-using (then simplify qfnra-nlsat))
(pop 1)

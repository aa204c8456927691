/// Small modules several test suites share.
public enum Fixtures {
    /// A hot export calling a small `$mix` once (inlined and removed by weft) and a larger
    /// `$big` twice (kept: inlining it at both calls measures larger).
    public static let hotWithTwoCallees = """
        (module
          (func $mix (param i32 i32) (result i32) local.get 0 local.get 1 i32.add i32.const 1 i32.shr_s)
          (func $big (param i32) (result i32)
            local.get 0 i32.const 3 i32.mul local.get 0 i32.const 7 i32.rem_u i32.add
            local.get 0 i32.const 12345 i32.xor i32.add local.get 0 i32.const 99 i32.div_u i32.add
            local.get 0 i32.const 7 i32.shl i32.add local.get 0 i32.const 1000 i32.mul i32.sub)
          (func (export "hot") (param i32) (result i32)
            local.get 0 i32.const 5 call $mix call $big local.get 0 call $big i32.add))
        """
}

import EGraph
import Testing
import WasmModel

@testable import Compile

/// Which `select` trees are clamps `ssat`/`usat` compute: every bound must be a
/// saturation's, and each `select` must test the value it clamps.
@Suite struct SaturationTests {
    static var x: Tree { .registers([VReg(VReg.first)], .i32) }
    static var y: Tree { .registers([VReg(VReg.first + 1)], .i32) }

    static func k(_ v: Int32) -> Tree { .constant(.i32, UInt64(UInt32(bitPattern: v))) }
    static func min(_ a: Tree, _ c: Int32, testing t: Tree) -> Tree {
        .select(.i32, a, k(c), .op(.i32LtS, [t, k(c)]))
    }
    static func max(_ a: Tree, _ c: Int32, testing t: Tree) -> Tree {
        .select(.i32, a, k(c), .op(.i32GtS, [t, k(c)]))
    }
    static func match(_ t: Tree) -> Saturation.Match? { Saturation.match(t, facts: { _ in nil }) }

    @Test func bothBoundsOfASaturationTestingTheSourceAreOne() {
        let inner = Self.max(Self.x, -32768, testing: Self.x)
        #expect(Self.match(Self.min(inner, 32767, testing: Self.x)) == .init(signed: true, bits: 16, source: Self.x))
        #expect(Self.match(Self.min(inner, 32767, testing: inner)) == .init(signed: true, bits: 16, source: Self.x))
        let low = Self.min(Self.x, 255, testing: Self.x)
        #expect(Self.match(Self.max(low, 0, testing: Self.x)) == .init(signed: false, bits: 8, source: Self.x))
    }

    @Test func aClampTestingAnotherValueOrToAnotherRangeIsNone() {
        let inner = Self.max(Self.x, -32768, testing: Self.x)
        #expect(Self.match(Self.min(inner, 32767, testing: Self.y)) == nil)
        #expect(Self.match(Self.min(Self.max(Self.x, -100, testing: Self.x), 100, testing: Self.x)) == nil)
        #expect(Self.match(Self.min(Self.max(Self.x, -32767, testing: Self.x), 32767, testing: Self.x)) == nil)
        #expect(
            Self.match(Self.min(Self.max(Self.x, 0, testing: Self.x), 32767, testing: Self.x))
                == .init(signed: false, bits: 15, source: Self.x))
        // One side alone needs the facts to bound the other.
        #expect(Self.match(Self.min(Self.x, 127, testing: Self.x)) == nil)
        let byte = Facts(type: .i32, signedLow: -128, signedHigh: 127)
        #expect(Saturation.match(Self.min(Self.x, 127, testing: Self.x), facts: { _ in byte }) != nil)
    }
}

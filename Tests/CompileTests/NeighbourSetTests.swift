import Harness
import Passes
import Testing

@testable import Compile

/// The allocator's neighbour sets hold what `Set<Int>` would after any mix of insertions and
/// removals (removal shifts members back within a probe run: a wrong shift loses a member
/// that lookups then miss).
@Suite struct NeighbourSetTests {
    @Test func insertionsAndRemovalsLeaveTheSameMembersAsASwiftSet() {
        var generator = SplitMix64(seed: 0x5E7)
        for range in [4, 40, 4000] {
            var ours = NeighbourSet()
            var reference = Set<Int>()
            for _ in 0..<20_000 {
                let v = Int(generator.next() % UInt64(range))
                if generator.next() % 3 == 0 {
                    #expect(ours.remove(v) == (reference.remove(v) != nil))
                } else {
                    #expect(ours.insert(v) == reference.insert(v).inserted)
                }
                #expect(ours.count == reference.count)
            }
            #expect(Set(ours) == reference)
            #expect(Array(ours).count == reference.count, "no member iterated twice")
            for v in 0..<range { #expect(ours.contains(v) == reference.contains(v)) }
        }
        var empty = NeighbourSet()
        #expect(empty.isEmpty && !empty.contains(3) && !empty.remove(3) && Array(empty).isEmpty)
    }
}

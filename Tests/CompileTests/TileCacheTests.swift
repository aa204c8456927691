import Compile
import Foundation
import Harness
import Rules
import Testing

/// The tiles and their helper module are parsed from their text once and read back after.
@Suite struct TileCacheTests {
    let scratch = ScratchSpace()

    @Test func theTilesAndHelperModuleReadFromTheCacheAreTheOnesParsed() throws {
        let cache = scratch.path("cache")
        let rules = TestPaths.packageRoot + "/rules"
        let parsed = try TileSet.load(directory: rules, cache: nil)
        #expect(parsed.helpers != nil)
        let first = try TileSet.load(directory: rules, cache: cache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("helpers-") }
        #expect(entries.count == 1)
        let second = try TileSet.load(directory: rules, cache: cache)
        #expect(first.helpers == parsed.helpers)
        #expect(second.helpers == parsed.helpers)
        let specs = { (set: TileSet) in set.tiles.map(\.spec) }
        #expect(specs(first) == specs(parsed))
        #expect(specs(second) == specs(parsed))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("tiles-") }.count == 1)
        // An entry that is not a valid module is passed over: the text is parsed again.
        try Data([0, 1, 2]).write(to: URL(fileURLWithPath: cache + "/" + entries[0]))
        #expect(try TileSet.load(directory: rules, cache: cache).helpers == parsed.helpers)
    }
}

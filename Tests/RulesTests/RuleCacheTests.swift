import Foundation
import Harness
import Testing

@testable import Rules

/// Parsed rule sets kept between runs: read back exactly as parsed, found only by the same
/// files with the same bytes.
@Suite struct RuleCacheTests {
    let scratch = ScratchSpace()

    func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("rules-") }
    }

    @Test func theShippedRulesReadBackFromTheCacheAsParsed() throws {
        let cache = scratch.path("cache")
        let parsed = try RuleSet.load([TestPaths.packageRoot + "/rules"], cache: nil)
        #expect(RuleArchive.encode(parsed).flatMap(RuleArchive.decode) == parsed)
        let first = try RuleSet.load([TestPaths.packageRoot + "/rules"], cache: cache)
        #expect(entries(cache).count == 1)
        let second = try RuleSet.load([TestPaths.packageRoot + "/rules"], cache: cache)
        #expect(first == parsed)
        #expect(second == parsed)
    }

    /// A load with an entry for its files returns the entry: here one planted with a rule
    /// removed, so the test tells a read entry from a fresh parse.
    @Test func aLoadReturnsTheEntryForItsFilesAndParsesWhenAFileChanges() throws {
        let cache = scratch.path("cache")
        let folder = scratch.path("rules")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/a.weft"
        let text = """
            ; x + 0 is x
            rule add-zero: (i32.add ?x (i32.const 0)) => ?x
            ; x * 1 is x
            rule mul-one: (i32.mul ?x (i32.const 1)) => ?x

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let parsed = try RuleSet.load([folder], cache: cache)
        #expect(parsed.rules.map(\.name) == ["add-zero", "mul-one"])
        let entry = try #require(entries(cache).first)
        var planted = parsed
        planted.rules.removeLast()
        try Data(try #require(RuleArchive.encode(planted))).write(to: URL(fileURLWithPath: cache + "/" + entry))
        #expect(try RuleSet.load([folder], cache: cache).rules.map(\.name) == ["add-zero"])
        // One byte more in the file: another key, so the file is parsed again.
        try Data((text + " ").utf8).write(to: URL(fileURLWithPath: file))
        #expect(try RuleSet.load([folder], cache: cache).rules.map(\.name) == ["add-zero", "mul-one"])
        #expect(entries(cache).count == 2)
    }

    @Test func bytesThatAreNotAWholeArchiveDecodeToNothing() throws {
        let parsed = try RuleSet.load([TestPaths.packageRoot + "/rules"], cache: nil)
        let bytes = try #require(RuleArchive.encode(parsed))
        #expect(RuleArchive.decode(Array(bytes.dropLast())) == nil)
        #expect(RuleArchive.decode(bytes + [0]) == nil)
        #expect(RuleArchive.decode([RuleArchive.version &+ 1] + bytes.dropFirst()) == nil)
        #expect(RuleArchive.decode([]) == nil)
    }
}

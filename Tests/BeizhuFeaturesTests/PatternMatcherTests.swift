import BeizhuFeatures
import PropertyBased
import Testing

@Suite struct PatternMatcherTests {
  /// A small alphabet with shared prefixes, multibyte characters and ASCII case pairs, so random
  /// patterns overlap often.
  static let alphabet: [Character] = ["不", "贵", "考", "虑", "a", "A", "b", "😀", "貴"]

  /// Every occurrence by brute force: each pattern at each byte offset, ASCII case folded.
  static func naive(_ patterns: [[UInt8]], _ text: [UInt8]) -> Set<PatternMatcher.Match> {
    func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    var found: Set<PatternMatcher.Match> = []
    for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
      for start in 0...(text.count - pattern.count)
      where zip(pattern, text[start...]).allSatisfy({ fold($0) == fold($1) }) {
        found.insert(PatternMatcher.Match(pattern: index, start: start, end: start + pattern.count))
      }
    }
    return found
  }

  static func check(_ words: [[Character?]], _ textCharacters: [Character?]) {
    let patterns = words.map { Array(String($0.compactMap { $0 }).utf8) }
    let text = String(textCharacters.compactMap { $0 })
    let found = PatternMatcher(patterns: patterns).matches(in: text)
    #expect(Set(found) == naive(patterns, Array(text.utf8)), "patterns \(patterns) text \(text)")
    #expect(found.count == Set(found).count, "each occurrence reported once")
    #expect(zip(found, found.dropFirst()).allSatisfy { $0.end <= $1.end }, "in order of end offsets")
  }

  static let words = Gen.element(of: alphabet).array(of: 0...4).array(of: 1...12)
  static let texts = Gen.element(of: alphabet).array(of: 0...60)

  /// A fixed-seed sweep: the same 500 cases on every run.
  @Test func agreesWithNaiveMatcherOnSeededCases() {
    var rng = Xoshiro(seed: (0x5EED_0001, 0xBEE2_2024, 0x0123_4567, 0x89AB_CDEF))
    for _ in 0..<500 {
      Self.check(Self.words.run(using: &rng), Self.texts.run(using: &rng))
    }
  }

  /// Fresh random cases each run; a failure prints the seed to reproduce it.
  @Test func agreesWithNaiveMatcher() async {
    await propertyCheck(count: 200, input: Self.words, Self.texts) { words, text in
      Self.check(words, text)
    }
  }

  @Test func duplicatePatternsAreBothReported() {
    let matcher = PatternMatcher(strings: ["贵", "贵", "太贵"])
    let found = matcher.matches(in: "太贵了")
    #expect(Set(found.map(\.pattern)) == [0, 1, 2])
  }

  @Test func noPatternsAndEmptyText() {
    #expect(PatternMatcher(strings: []).matches(in: "任何文字").isEmpty)
    #expect(PatternMatcher(strings: ["", "a"]).matches(in: "").isEmpty)
  }

  @Test func asciiCaseFoldsOnlyWhenAsked() {
    #expect(PatternMatcher(strings: ["ems"]).containsMatch(in: "走EMS"))
    #expect(!PatternMatcher(strings: ["ems"], caseInsensitiveASCII: false).containsMatch(in: "走EMS"))
  }
}

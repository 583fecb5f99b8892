/// An Aho–Corasick automaton over UTF-8 bytes: finds every occurrence of every pattern in one pass.
///
/// One pass per message costs the same whatever the number of words, where a `String.contains`
/// per word grows with the lexicon (STYLE.md §5). The automaton is a full DFA over byte classes:
/// bytes that occur in no pattern share class 0, so the table stays small for Chinese lexicons.
/// ASCII letters match case-insensitively when asked.
///
/// - Complexity: building is O(total pattern bytes × classes); matching is O(text bytes + matches).
public struct PatternMatcher: Sendable {
  /// One occurrence: pattern index and its byte range `start..<end` in the scanned text.
  public struct Match: Sendable, Hashable {
    public var pattern: Int
    public var start: Int
    public var end: Int

    public init(pattern: Int, start: Int, end: Int) {
      self.pattern = pattern
      self.start = start
      self.end = end
    }
  }

  /// Byte → class; class 0 means "in no pattern".
  private let byteClass: [UInt16]
  private let classCount: Int
  /// `delta[state * classCount + class]` = next state.
  private let delta: [Int32]
  /// Pattern ids that end in a state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
  private let outputStart: [Int32]
  private let outputs: [Int32]
  private let lengths: [Int]
  /// The number of patterns, including empty ones (which never match).
  public let patternCount: Int

  /// Builds the automaton for byte patterns; pattern `i` is reported as `Match.pattern == i`.
  public init(patterns: [[UInt8]], caseInsensitiveASCII: Bool = true) {
    patternCount = patterns.count
    lengths = patterns.map(\.count)

    func key(_ byte: UInt8) -> UInt8 {
      caseInsensitiveASCII && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
    var classOfKey = [UInt16](repeating: 0, count: 256)
    var nextClass: UInt16 = 1
    for pattern in patterns {
      for byte in pattern where classOfKey[Int(key(byte))] == 0 {
        classOfKey[Int(key(byte))] = nextClass
        nextClass += 1
      }
    }
    var table = [UInt16](repeating: 0, count: 256)
    for byte in 0..<256 { table[byte] = classOfKey[Int(key(UInt8(byte)))] }
    byteClass = table
    let classes = Int(nextClass)
    classCount = classes

    // The trie, with -1 for "no edge".
    var goto: [Int32] = Array(repeating: -1, count: classes)
    var own: [[Int32]] = [[]]
    for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
      var state = 0
      for byte in pattern {
        let slot = state * classes + Int(table[Int(byte)])
        if goto[slot] < 0 {
          goto[slot] = Int32(own.count)
          own.append([])
          goto.append(contentsOf: repeatElement(-1, count: classes))
        }
        state = Int(goto[slot])
      }
      own[state].append(Int32(index))
    }

    // Breadth-first: failure links, then the full transition table and merged outputs.
    let stateCount = own.count
    var fail = [Int32](repeating: 0, count: stateCount)
    var next = [Int32](repeating: 0, count: stateCount * classes)
    var merged = own
    var queue: [Int] = []
    queue.reserveCapacity(stateCount)
    for c in 0..<classes {
      let child = goto[c]
      if child > 0 {
        next[c] = child
        fail[Int(child)] = 0
        queue.append(Int(child))
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      let failState = Int(fail[state])
      merged[state].append(contentsOf: merged[failState])
      for c in 0..<classes {
        let child = goto[state * classes + c]
        if child > 0 {
          next[state * classes + c] = child
          fail[Int(child)] = next[failState * classes + c]
          queue.append(Int(child))
        } else {
          next[state * classes + c] = next[failState * classes + c]
        }
      }
    }
    delta = next
    var starts: [Int32] = [0]
    var flat: [Int32] = []
    for list in merged {
      flat.append(contentsOf: list)
      starts.append(Int32(flat.count))
    }
    outputStart = starts
    outputs = flat
  }

  /// Builds the automaton for the UTF-8 bytes of `patterns`.
  public init(strings patterns: [String], caseInsensitiveASCII: Bool = true) {
    self.init(patterns: patterns.map { Array($0.utf8) }, caseInsensitiveASCII: caseInsensitiveASCII)
  }

  /// Calls `body` for every match, in order of their end offsets (ties in pattern order of
  /// the automaton's output list).
  public func forEachMatch(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (Match) throws -> Void
  ) rethrows {
    let classes = classCount
    try byteClass.withUnsafeBufferPointer { classOf in
      try delta.withUnsafeBufferPointer { delta in
        try outputStart.withUnsafeBufferPointer { starts in
          try outputs.withUnsafeBufferPointer { outputs in
            var state = 0
            var index = 0
            for byte in bytes {
              state = Int(delta[state * classes + Int(classOf[Int(byte)])])
              index += 1
              let from = Int(starts[state])
              let to = Int(starts[state + 1])
              if from != to {
                for slot in from..<to {
                  let pattern = Int(outputs[slot])
                  try body(Match(pattern: pattern, start: index - lengths[pattern], end: index))
                }
              }
            }
          }
        }
      }
    }
  }

  /// Every match in `text`, with byte offsets into `text.utf8`.
  public func matches(in text: String) -> [Match] {
    var text = text
    return text.withUTF8 { bytes in
      var found: [Match] = []
      forEachMatch(in: bytes) { found.append($0) }
      return found
    }
  }

  /// Whether any pattern occurs in `text`.
  public func containsMatch(in text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var found = false
      forEachMatch(in: bytes) { _ in found = true }
      return found
    }
  }
}

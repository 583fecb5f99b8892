/// The encodings Beizhu reads. Exporters write UTF-8; spreadsheets re-save as GB18030 (CP936,
/// BOM lost) or as UTF-16 "Unicode text" (FORMATS.md §17).
public enum TextEncoding: String, Sendable, Hashable, Codable {
  case utf8 = "UTF-8"
  case utf16LE = "UTF-16LE"
  case utf16BE = "UTF-16BE"
  case gb18030 = "GB18030"

  /// Sniffs the encoding from the first bytes of a file: a BOM decides; else strict UTF-8; else
  /// UTF-16 without BOM when every other byte is zero; else GB18030.
  ///
  /// - Returns: the encoding and the length of the BOM to skip.
  public static func sniff(_ head: [UInt8]) -> (encoding: TextEncoding, bomLength: Int) {
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if head.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
    if head.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
    if head.count >= 4 {
      let pairs = head.count / 2
      var zeroEven = 0
      var zeroOdd = 0
      for index in 0..<pairs {
        if head[2 * index] == 0 { zeroEven += 1 }
        if head[2 * index + 1] == 0 { zeroOdd += 1 }
      }
      // ASCII-heavy UTF-16 has a zero in nearly every code unit's high byte.
      if zeroOdd * 10 >= pairs * 8 && zeroEven == 0 { return (.utf16LE, 0) }
      if zeroEven * 10 >= pairs * 8 && zeroOdd == 0 { return (.utf16BE, 0) }
    }
    // A sequence cut by the end of the head (or a truncated file) says nothing about the encoding.
    var validator = UTF8Validator()
    let invalid = validator.countInvalid(head, isFinal: false)
    if invalid == 0 { return (.utf8, 0) }
    // Damaged UTF-8 keeps many valid multibyte sequences; GB18030 read as UTF-8 is mostly invalid.
    let multibyte = UTF8Validator.countMultibyteSequences(head)
    var gbErrors = 0
    if let converter = try? IconvConverter(from: .gb18030) {
      _ = converter.convert(head, isFinal: false) { _ in gbErrors += 1 }
    } else {
      gbErrors = Int.max
    }
    if gbErrors == 0 && invalid * 4 > multibyte { return (.gb18030, 0) }
    return (.utf8, 0)
  }
}

/// Validates UTF-8 incrementally; a sequence cut at a chunk boundary is carried to the next chunk.
struct UTF8Validator {
  /// Bytes of an incomplete sequence left from the previous chunk.
  private(set) var pending: [UInt8] = []

  /// The length of `bytes` without an incomplete sequence at its end (kept for the next chunk
  /// unless `isFinal`), when everything before that is valid UTF-8; else `nil`.
  static func validPrefix(_ bytes: [UInt8], isFinal: Bool) -> Int? {
    var cut = bytes.count
    if !isFinal, let tail = incompleteTail(of: bytes) { cut = tail.start }
    let valid = bytes.withUnsafeBufferPointer { Self.isValid(UnsafeBufferPointer(rebasing: $0[..<cut])) }
    return valid ? cut : nil
  }

  /// Whether `bytes` is well-formed UTF-8 (The Unicode Standard, table 3-7). ASCII is skipped
  /// sixteen bytes at a time; `String(validating:)` also built a String of every chunk only to
  /// throw it away, and its validator took ten instructions a byte of CJK text.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var index = 0
    while index < count {
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        while index + 16 <= count {
          let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD2<UInt64>.self)
          if (block[0] | block[1]) & 0x8080_8080_8080_8080 != 0 { break }
          index += 16
        }
        continue
      }
      // Three-byte sequences (all of CJK) first, with their two exceptions: E0 needs A0…BF
      // next (no overlong forms), ED at most 9F (no surrogates).
      if lead & 0xF0 == 0xE0 {
        guard index + 2 < count else { return false }
        let second = base[index + 1]
        guard second & 0xC0 == 0x80, base[index + 2] & 0xC0 == 0x80 else { return false }
        if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) { return false }
        index += 3
        continue
      }
      if lead >= 0xC2 && lead <= 0xDF {
        guard index + 1 < count, base[index + 1] & 0xC0 == 0x80 else { return false }
        index += 2
        continue
      }
      // Four bytes: F0 needs 90…BF next (no overlong forms), F4 at most 8F (at most U+10FFFF).
      guard lead >= 0xF0 && lead <= 0xF4, index + 3 < count else { return false }
      let second = base[index + 1]
      guard second & 0xC0 == 0x80, base[index + 2] & 0xC0 == 0x80, base[index + 3] & 0xC0 == 0x80 else {
        return false
      }
      if (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) { return false }
      index += 4
    }
    return true
  }

  /// How many bytes past the end of `bytes` complete a character cut at its end (0 when it
  /// ends on a character boundary or the tail is not the start of a valid sequence).
  static func missingBytes(atEndOf bytes: [UInt8]) -> Int {
    incompleteTail(of: bytes)?.missing ?? 0
  }

  /// The sequence cut at the end of `bytes`: where it starts and how many bytes it lacks; `nil`
  /// when the bytes end on a character boundary or the tail cannot start a valid sequence.
  static func incompleteTail(of bytes: [UInt8]) -> (start: Int, missing: Int)? {
    guard let last = bytes.indices.last else { return nil }
    var index = last
    var continuations = 0
    while index > 0, continuations < 3, bytes[index] & 0xC0 == 0x80 {
      index -= 1
      continuations += 1
    }
    let lead = bytes[index]
    let length = lead >= 0xF5 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
    let missing = length - continuations - 1
    return missing > 0 ? (index, missing) : nil
  }

  /// Counts well-formed sequences of two or more bytes.
  static func countMultibyteSequences(_ bytes: [UInt8]) -> Int {
    var count = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let length =
        byte >= 0xF0 && byte <= 0xF4
        ? 4 : byte >= 0xE0 && byte <= 0xEF ? 3 : byte >= 0xC2 && byte <= 0xDF ? 2 : 1
      if length > 1, index + length <= bytes.count,
        bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      {
        count += 1
        index += length
      } else {
        index += 1
      }
    }
    return count
  }

  /// A chunk that starts by completing the sequence cut at the end of the previous one (most
  /// chunks of CJK text): checked whole with the fast validator instead of the byte loop.
  private mutating func completePending(_ input: [UInt8], isFinal: Bool) -> [UInt8]? {
    let lead = pending[0]
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    let need = length - pending.count
    guard need > 0, input.count >= need else { return nil }
    var joined = pending
    joined.append(contentsOf: input[..<need])
    guard joined.withUnsafeBufferPointer(Self.isValid) else { return nil }
    let rest = Array(input[need...])
    guard let valid = Self.validPrefix(rest, isFinal: isFinal) else { return nil }
    pending = Array(rest[valid...])
    joined.append(contentsOf: rest[..<valid])
    return joined
  }

  /// Counts invalid sequences without repairing them (for sniffing).
  mutating func countInvalid(_ bytes: [UInt8], isFinal: Bool) -> Int {
    var invalid = 0
    _ = repair(bytes, isFinal: isFinal) { _ in invalid += 1 }
    return invalid
  }

  /// Returns `bytes` with every invalid sequence replaced by U+FFFD; `onInvalid` gets each bad
  /// sequence's offset within the logical stream position of this call (relative to `bytes`,
  /// negative when it started in the pending bytes).
  mutating func repair(_ input: [UInt8], isFinal: Bool, onInvalid: (Int) -> Void) -> [UInt8] {
    if !pending.isEmpty, let completed = completePending(input, isFinal: isFinal) {
      return completed
    }
    if pending.isEmpty, let valid = Self.validPrefix(input, isFinal: isFinal) {
      // Nearly every chunk is valid: the standard library's validator is much faster than the
      // byte loop below, which is kept for the chunks that need repairs.
      if valid == input.count { return input }
      pending = Array(input[valid...])
      return Array(input[..<valid])
    }
    let carried = pending.count
    let bytes: [UInt8]
    if carried > 0 {
      bytes = pending + input
      pending.removeAll(keepingCapacity: true)
    } else {
      bytes = input
    }
    // Fast path: ASCII or already valid input is returned as is.
    var output: [UInt8] = []
    var copiedUpTo = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var minSecond: UInt8 = 0x80
      var maxSecond: UInt8 = 0xBF
      switch byte {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        minSecond = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        maxSecond = 0x9F
      case 0xF0:
        length = 4
        minSecond = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        maxSecond = 0x8F
      default: length = 0
      }
      var valid = length > 0
      var consumed = 1
      if valid {
        var offset = 1
        while offset < length {
          let position = index + offset
          if position >= count {
            if !isFinal {
              // Incomplete at the end of the chunk: keep it for the next call.
              if output.isEmpty && copiedUpTo == 0 {
                pending = Array(bytes[index...])
                return Array(bytes[..<index])
              }
              output.append(contentsOf: bytes[copiedUpTo..<index])
              pending = Array(bytes[index...])
              return output
            }
            valid = false
            break
          }
          let next = bytes[position]
          let low: UInt8 = offset == 1 ? minSecond : 0x80
          let high: UInt8 = offset == 1 ? maxSecond : 0xBF
          if next < low || next > high {
            valid = false
            break
          }
          offset += 1
        }
        consumed = valid ? length : max(1, offset)
      }
      if valid {
        index += consumed
      } else {
        output.append(contentsOf: bytes[copiedUpTo..<index])
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        onInvalid(index - carried)
        index += consumed
        copiedUpTo = index
      }
    }
    if copiedUpTo == 0 { return bytes }
    output.append(contentsOf: bytes[copiedUpTo..<count])
    return output
  }
}

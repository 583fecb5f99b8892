import BeizhuCore
import Foundation

/// A stable identity for a message that two exporters of the same account agree on, so that
/// overlapping imports count nothing twice (exporter ids differ or are missing across tools).
///
/// It hashes the second, the side, a coarse kind class (exporters name media and unknown app
/// messages differently) and, for text, the trimmed text; `ordinal` tells apart identical
/// messages within the same second of one chat.
public struct MessageFingerprint: Sendable {
  public static func kindClass(_ kind: MessageKind) -> UInt8 {
    switch kind {
    case .text: UInt8(ascii: "t")
    case .quote: UInt8(ascii: "q")
    case .transfer: UInt8(ascii: "$")
    case .system, .pat: UInt8(ascii: "s")
    default: UInt8(ascii: "m")
    }
  }

  /// The text part of the identity: whitespace-trimmed, `\r\n` unified to `\n`.
  static func addNormalizedText(_ text: String, to hash: inout FNV1a) {
    var trimmed = text.trimmed()
    trimmed.withUTF8 { bytes in
      var value = hash
      // Nearly no text has a carriage return: test for one once, then hash without the test.
      if let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) != nil {
        for byte in bytes where byte != 0x0D { value.add(byte: byte) }
      } else {
        for byte in bytes { value.add(byte: byte) }
      }
      hash = value
    }
    hash.add(byte: 0xFF)
  }

  /// The identity without the ordinal.
  public static func base(time: Int64, side: MessageSide, kind: MessageKind, text: String) -> UInt64 {
    var hash = FNV1a()
    hash.add(UInt64(bitPattern: time))
    hash.add(side.rawValue.utf8)
    let kindClass = kindClass(kind)
    hash.add(byte: kindClass)
    if kindClass == UInt8(ascii: "t") {
      addNormalizedText(text, to: &hash)
    }
    return hash.value
  }

  public static func combine(_ base: UInt64, ordinal: Int) -> Int64 {
    var hash = FNV1a(seed: base)
    hash.add(UInt64(ordinal))
    return Int64(bitPattern: hash.value)
  }
}

/// 64-bit FNV-1a: small, fast and stable across runs and platforms (Swift's `Hasher` is seeded).
struct FNV1a {
  private(set) var value: UInt64

  init(seed: UInt64 = 0xcbf2_9ce4_8422_2325) { value = seed }

  mutating func add(byte: UInt8) {
    value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
  }

  mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes { add(byte: byte) }
    add(byte: 0xFF)  // separator: ("ab","c") ≠ ("a","bc")
  }

  mutating func add(_ number: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) {
      add(byte: UInt8(truncatingIfNeeded: number >> UInt64(shift)))
    }
  }
}

import BeizhuTestSupport
import Testing

@testable import BeizhuImport

/// FIPS 180-4 test vectors, and a file hashed across chunk boundaries.
@Suite struct SHA256Tests {
  static func digest(_ text: String) -> String {
    let hasher = SHA256()
    hasher.update(Array(text.utf8))
    return hasher.finalize()
  }

  @Test func knownVectors() {
    #expect(Self.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(Self.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Self.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func splitUpdatesEqualOneUpdate() throws {
    let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let whole = SHA256()
    whole.update(bytes)
    let split = SHA256()
    for start in stride(from: 0, to: bytes.count, by: 77) {
      split.update(Array(bytes[start..<min(start + 77, bytes.count)]))
    }
    let expected = whole.finalize()
    #expect(split.finalize() == expected)
    let path = Fixtures.write(bytes, name: "data.bin")
    #expect(try FileHasher.sha256(path: path) == expected)
  }
}

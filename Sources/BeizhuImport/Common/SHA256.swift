#if os(Linux)
import CLibCrypto
#elseif canImport(CommonCrypto)
import CommonCrypto
#else
#error("SHA-256 needs OpenSSL's libcrypto (Linux: apt-get install libssl-dev) or CommonCrypto")
#endif

/// SHA-256, streaming, so an import records each file's hash without loading it.
///
/// Backed by OpenSSL's libcrypto on Linux and CommonCrypto on macOS: both use the CPU's SHA
/// instructions, where a portable Swift loop cost ~64 instructions a byte — more than parsing
/// the file (a 1 GB import spent seconds of a core on its hash).
final class SHA256 {
  #if os(Linux)
  private let context: OpaquePointer
  #elseif canImport(CommonCrypto)
  private var context = CC_SHA256_CTX()
  #endif

  init() {
    #if os(Linux)
    guard let context = EVP_MD_CTX_new() else {
      preconditionFailure("out of memory: OpenSSL could not allocate a digest context")
    }
    self.context = context
    EVP_DigestInit_ex(context, EVP_sha256(), nil)
    #elseif canImport(CommonCrypto)
    CC_SHA256_Init(&context)
    #endif
  }

  deinit {
    #if os(Linux)
    EVP_MD_CTX_free(context)
    #endif
  }

  func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    #if os(Linux)
    EVP_DigestUpdate(context, base, bytes.count)
    #elseif canImport(CommonCrypto)
    CC_SHA256_Update(&context, base, CC_LONG(bytes.count))
    #endif
  }

  func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The digest as lowercase hex; the hasher is spent afterwards.
  func finalize() -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    #if os(Linux)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context, &digest, &length)
    #elseif canImport(CommonCrypto)
    CC_SHA256_Final(&digest, &context)
    #endif
    let hex = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// Hashes files for the import record.
public enum FileHasher {
  /// The SHA-256 of a file as lowercase hex, read in chunks.
  public static func sha256(path: String) throws(ImportError) -> String {
    let source = try FileByteSource(path: path, chunkSize: 1 << 20)
    let hasher = SHA256()
    while true {
      let chunk = try source.next()
      if chunk.isEmpty { break }
      hasher.update(chunk)
    }
    return hasher.finalize()
  }
}

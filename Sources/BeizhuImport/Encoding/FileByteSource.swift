#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks with plain POSIX `read`, so memory stays flat whatever the
/// file size and nothing is mapped or buffered whole.
public final class FileByteSource {
  public static let defaultChunkSize = 1 << 16

  private let descriptor: Int32
  private let chunkSize: Int
  /// Bytes handed out so far: the offset of the next chunk in the file.
  public private(set) var offset: Int64 = 0

  public init(path: String, chunkSize: Int = FileByteSource.defaultChunkSize) throws(ImportError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw ImportError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    self.descriptor = fd
    self.chunkSize = max(16, chunkSize)
  }

  deinit { close(descriptor) }

  /// The next chunk, or an empty array at the end of the file.
  public func next() throws(ImportError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ImportError.readFailed(offset: offset, reason: String(cString: strerror(errno)))
      }
      buffer.removeLast(chunkSize - count)
      offset += Int64(count)
      return buffer
    }
  }
}

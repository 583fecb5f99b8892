import BeizhuCore

/// Failures that stop reading one file. Problems inside a file that allow the import to go on
/// are `Issue` values instead.
public enum ImportError: Error, Sendable, Equatable {
  case cannotOpen(path: String, reason: String)
  case readFailed(offset: Int64, reason: String)
  case unsupportedEncoding(String)
  /// The file is not what its detected format needs (e.g. a required column is missing).
  case rejected(Issue)
  /// Where the records go failed (workspace locked, disk full): the whole import stops.
  case aborted(String)
}

extension ImportError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason): "cannot open \(path): \(reason) / 无法打开文件"
    case .readFailed(let offset, let reason): "read failed at byte \(offset): \(reason) / 读取失败"
    case .unsupportedEncoding(let name): "encoding \(name) is not available on this system / 不支持的编码"
    case .rejected(let issue): issue.description
    case .aborted(let reason): "import stopped: \(reason) / 导入中止"
    }
  }
}

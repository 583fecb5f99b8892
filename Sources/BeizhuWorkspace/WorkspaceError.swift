import Foundation

/// Failures that stop a command: the workspace cannot be opened, is locked, or the disk is full.
public enum WorkspaceError: LocalizedError, Sendable {
  case cannotOpen(path: String, underlying: String)
  case locked(path: String)
  case writeFailed(underlying: String)

  public var errorDescription: String? {
    switch self {
    case .cannotOpen(let path, let underlying):
      "cannot open workspace \(path): \(underlying) / 无法打开工作区"
    case .locked(let path):
      "workspace \(path) is locked by another beizhu process / 工作区正被其他进程使用 — wait for it or use --workspace"
    case .writeFailed(let underlying):
      "cannot write to the workspace: \(underlying) / 写入工作区失败 — check free disk space"
    }
  }
}

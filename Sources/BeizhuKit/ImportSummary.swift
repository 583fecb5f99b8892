import BeizhuCore
import BeizhuImport
import Foundation

/// The result of `beizhu import`: what each file gave and what the workspace now holds.
public struct ImportSummary: Sendable, Codable {
  public var report: ImportReport
  /// Messages stored that were not in the workspace before.
  public var newMessages: Int
  public var friends: Int
  public var excluded: Int
  /// Excluded contacts by kind (`group`, `official`, `groupMember`, `self`).
  public var excludedByKind: [String: Int]
  /// Private-chat messages of friends by side, each message once.
  public var messagesBySide: [String: Int]
  /// Whether some file had its times reformatted by a spreadsheet (seconds lost).
  public var spreadsheetResaves: Int
}

extension ImportSummary {
  /// Exit status per the README: 0 finished, 65 some chat export or contact list was rejected,
  /// 1 nothing could be imported.
  public var exitCode: Int32 {
    if report.importedFiles == 0 { return 1 }
    return report.rejectedFiles > 0 ? 65 : 0
  }
}

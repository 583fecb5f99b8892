import BeizhuCore
import BeizhuImport
import BeizhuWorkspace
import Foundation

/// Options shared by the commands that import.
public struct ImportOptions: Sendable {
  /// Zone for exports that write naive local times (default Asia/Shanghai, FORMATS.md §16).
  public var timeZone: TimeZone
  /// The owner's wxid, WeChat ID or name, when the exports do not reveal it.
  public var owner: String?

  public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current, owner: String? = nil) {
    self.timeZone = timeZone
    self.owner = owner
  }
}

/// Failures that stop a command as a whole.
public enum PipelineError: LocalizedError, Sendable {
  case workspace(WorkspaceError)
  case importStopped(String)
  case plan(PlanError)

  public var errorDescription: String? {
    switch self {
    case .workspace(let error): error.errorDescription
    case .importStopped(let reason): "import stopped: \(reason) / 导入中止"
    case .plan(let error): error.errorDescription
    }
  }
}

/// The facade other programs call: import → features → classify → compose → plan → write.
public enum Pipeline {
  /// Imports every file under `paths` into `workspace` and resolves identities.
  public static func importPaths(
    _ paths: [String], into workspace: Workspace, options: ImportOptions = ImportOptions(),
    onProgress: ((ImportReport.FileResult) -> Void)? = nil
  ) throws(PipelineError) -> ImportSummary {
    do {
      if let owner = options.owner, !owner.isEmpty { try workspace.addOwner(owner) }
      let context = ImportContext(
        timeParser: LocalTimeParser(timeZone: options.timeZone), ownerHints: try workspace.ownerHints())
      let runner = ImportRunner(context: context)
      let destination = WorkspaceDestination(writer: workspace.makeImportWriter())
      destination.onProgress = onProgress
      var report: ImportReport
      do {
        report = try runner.run(paths: paths, into: destination)
      } catch {
        if let failure = destination.failure { throw failure }
        throw error
      }
      let newMessages = destination.newMessages
      try workspace.reconcile()
      report.issues.sort { ($0.location.path, $0.location.line) < ($1.location.path, $1.location.line) }
      return try summary(report: report, newMessages: newMessages, workspace: workspace)
    } catch let error as WorkspaceError {
      throw .workspace(error)
    } catch let error as ImportError {
      throw .importStopped(error.description)
    } catch {
      throw .importStopped(String(describing: error))
    }
  }

  /// Sends import records to the workspace, recording each file with its hash and counts.
  final class WorkspaceDestination: ImportDestination {
    let writer: ImportWriter
    var newMessages = 0
    var failure: WorkspaceError?
    private var hashing: FileHash?
    /// Called as each file is finished, while the import goes on (progress lines).
    var onProgress: ((ImportReport.FileResult) -> Void)?

    init(writer: ImportWriter) { self.writer = writer }

    private func attempt(_ body: () throws(WorkspaceError) -> Void) throws(ImportError) {
      do {
        try body()
      } catch {
        failure = error
        throw ImportError.aborted(error.errorDescription ?? "workspace error")
      }
    }

    func beginFile(_ probe: FileProbe, format: FileFormat) throws(ImportError) {
      // The hash is computed on the other core while the importer reads the file.
      let hashing = FileHash(path: probe.path)
      self.hashing = hashing
      try attempt { () throws(WorkspaceError) in
        try writer.beginFile(
          path: probe.path, size: probe.size, sha256: "", format: format.description,
          encoding: probe.encoding.rawValue)
      }
    }

    func receive(_ record: ImportRecord) throws(ImportError) {
      try attempt { () throws(WorkspaceError) in try writer.add(record) }
    }

    func endFile(_ result: ImportReport.FileResult) throws(ImportError) {
      try attempt { () throws(WorkspaceError) in
        try writer.endFile(
          status: result.status.rawValue, contacts: result.contacts, messages: result.messages,
          skipped: result.skipped, sha256: hashing?.value() ?? "")
      }
      newMessages += writer.newMessages
      onProgress?(result)
    }
  }

  /// A file's SHA-256, computed in the background.
  final class FileHash: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result = ""

    init(path: String) {
      group.enter()
      DispatchQueue.global(qos: .utility).async { [self] in
        result = (try? FileHasher.sha256(path: path)) ?? ""
        group.leave()
      }
    }

    func value() -> String {
      group.wait()
      return result
    }
  }

  static func summary(report: ImportReport, newMessages: Int, workspace: Workspace) throws(WorkspaceError)
    -> ImportSummary
  {
    let friends = try workspace.friendSummaries()
    var excludedByKind: [String: Int] = [:]
    for contact in try workspace.contacts() where contact.kind != .friend {
      excludedByKind[contact.kind?.rawValue ?? "?", default: 0] += 1
    }
    var bySide: [String: Int] = ["friend": 0, "me": 0, "system": 0]
    for friend in friends {
      bySide["friend", default: 0] += friend.messagesFromFriend
      bySide["me", default: 0] += friend.messagesFromMe
      bySide["system", default: 0] += friend.systemMessages
    }
    return ImportSummary(
      report: report, newMessages: newMessages, friends: friends.count,
      excluded: excludedByKind.values.reduce(0, +), excludedByKind: excludedByKind, messagesBySide: bySide,
      spreadsheetResaves: report.issues.count { $0.code == .spreadsheetResave })
  }
}

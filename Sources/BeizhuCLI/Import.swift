import ArgumentParser
import BeizhuImport
import BeizhuKit
import BeizhuWorkspace
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import contact lists and chat exports into the workspace (导入).",
      discussion: """
        Folders are walked; each file's format is detected from its content. Importing the \
        same files again, or overlapping exports from several tools, counts nothing twice.

        Example:  beizhu import ~/Exports/chatlog ~/Exports/MemoTrace

        Exit codes: 0 the import finished (skipped records are warnings); 65 finished, but \
        some chat export or contact list could not be read at all; 1 failed; 64 usage.
        """)

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var importOptions: ImportOptionGroup
    @OptionGroup var zoneOption: TimeZoneOption

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Exit 65 when any record was skipped or any warning was given.")
    var strict = false

    @OptionGroup var dryRunOption: DryRunOption

    func run() throws {
      let workspace: Workspace
      var scratch: String?
      if dryRunOption.dryRun {
        // Import into a copy, so the counts say what a real run would add.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
          "beizhu-dry-\(UUID().uuidString).sqlite")
        do {
          if FileManager.default.fileExists(atPath: workspaceOptions.workspace) {
            try Workspace(path: workspaceOptions.workspace).copy(to: copy.path)
            workspace = try Workspace(path: copy.path)
            scratch = copy.path
          } else {
            workspace = try Workspace.inMemory()
          }
        } catch {
          throw CLIFailure(message: error.errorDescription ?? "cannot open the workspace")
        }
      } else {
        workspace = try workspaceOptions.open()
      }
      defer {
        if let scratch {
          for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        }
      }
      let summary: ImportSummary
      do {
        let progress = ProgressLine()
        summary = try Pipeline.importPaths(
          paths, into: workspace, options: importOptions.importOptions(zone: zoneOption.zone),
          onProgress: { progress.fileDone($0.path) })
        progress.finish()
      } catch {
        Output.err("error: \(error.errorDescription ?? "import failed")")
        throw ExitCode(1)
      }
      if dryRunOption.dryRun {
        for file in summary.report.files where file.status == .imported {
          Output.out("+ \(file.path): \(file.contacts) contacts, \(file.messages) messages")
        }
        Output.out(
          "~ \(workspaceOptions.workspace): \(summary.newMessages) new messages, \(summary.friends) friends")
        Output.err("Dry run: the workspace was not changed / 试运行，未写入工作区.")
        return
      }
      switch format {
      case .json: Output.out(try Output.json(summary))
      case .text: Output.out(ImportSummaryText.render(summary))
      }
      for issue in summary.report.issues where issue.severity >= .warning {
        Output.err(issue.description)
      }
      var code = summary.exitCode
      if strict && code == 0 && summary.report.issues.contains(where: { $0.severity >= .warning }) {
        code = 65
      }
      Output.err(ImportSummaryText.closingLine(summary))
      if code != 0 { throw ExitCode(code) }
    }
  }
}

/// The text form of an import summary.
enum ImportSummaryText {
  static func render(_ summary: ImportSummary) -> String {
    let report = summary.report
    var lines: [String] = []
    let media = report.files.count { $0.status == .media }
    let unrecognized = report.files.filter { $0.status == .unrecognized }
    lines.append(
      "Files: \(report.importedFiles) imported, \(report.rejectedFiles) rejected, \(unrecognized.count) not recognised, \(media) media not read"
    )
    lines.append(
      "文件：导入 \(report.importedFiles)，拒绝 \(report.rejectedFiles)，无法识别 \(unrecognized.count)，媒体 \(media)")
    let byFormat = report.filesByFormat.sorted { $0.key < $1.key }
    if !byFormat.isEmpty {
      lines.append("")
      lines.append(TerminalText.table([["format", "files"]] + byFormat.map { [$0.key, String($0.value)] }))
    }
    lines.append("")
    let excludedDetail = summary.excludedByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      .joined(separator: ", ")
    lines.append(
      "Friends 好友: \(summary.friends)   Excluded 排除: \(summary.excluded)\(excludedDetail.isEmpty ? "" : " (\(excludedDetail))")"
    )
    lines.append(
      "Messages 消息 (friends' private chats): from friend \(summary.messagesBySide["friend"] ?? 0), from me \(summary.messagesBySide["me"] ?? 0), system \(summary.messagesBySide["system"] ?? 0); new this run \(summary.newMessages)"
    )
    lines.append("Skipped records 跳过: \(report.skippedRecords)")
    if summary.spreadsheetResaves > 0 {
      lines.append(
        "Note: \(summary.spreadsheetResaves) file(s) were re-saved by a spreadsheet (times reformatted) / 文件被表格软件另存过"
      )
    }
    for file in report.files where file.status == .rejected || file.status == .unrecognized {
      lines.append(
        "\(file.status == .rejected ? "rejected" : "not recognised"): \(file.path) — \(file.reason ?? "")")
    }
    return lines.joined(separator: "\n")
  }

  static func closingLine(_ summary: ImportSummary) -> String {
    let warnings = summary.report.issues.count { $0.severity >= .warning }
    return
      "Imported \(summary.report.importedFiles) files: \(summary.friends) friends, \(summary.newMessages) new messages, \(warnings) warnings."
  }
}

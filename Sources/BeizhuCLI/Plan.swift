import ArgumentParser
import BeizhuKit
import BeizhuPlan
import BeizhuWorkspace
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The dry run: proposed remarks (备注) and tags (标签) per friend, with reasons.",
      discussion: """
        With paths, imports them first (into the workspace, or only in memory with \
        --no-workspace). Nothing is written to WeChat or to files: this is a preview.

        Example:  beizhu plan ~/Exports/chatlog --today 2025-01-15 --format json

        Exit codes: 0 success; 1 failed; 64 usage; 65 finished, but some input file was rejected.
        """)

    @Argument(help: "Files or folders to import first (optional).")
    var paths: [String] = []

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var importOptions: ImportOptionGroup
    @OptionGroup var zoneOption: TimeZoneOption
    @OptionGroup var planOptions: PlanOptionGroup

    @Flag(name: .long, help: "Import the paths into memory only; the workspace file is not touched.")
    var noWorkspace = false

    @Option(name: .long, help: "Output format.")
    var format: PlanFormat = .text

    @Option(name: .long, help: "Show only: changed or review.")
    var only: PlanFilter?

    @Option(name: .long, help: "Text format: show at most N friends (the summary counts all).")
    var limit: Int?

    @Option(
      name: .long, help: "Colour in the text format: auto (on a terminal, unless NO_COLOR), always, never.")
    var color: ColorMode = .auto

    func validate() throws {
      if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
      if noWorkspace && paths.isEmpty {
        throw ValidationError("--no-workspace needs paths to import")
      }
    }

    func run() throws {
      let request = try planOptions.request(zone: zoneOption.zone)
      let workspace: Workspace
      do {
        workspace = noWorkspace ? try Workspace.inMemory() : try workspaceOptions.open()
      } catch let error as WorkspaceError {
        throw CLIFailure(message: error.errorDescription ?? "cannot open the workspace")
      }
      var exitCode: Int32 = 0
      if !paths.isEmpty {
        do {
          let progress = ProgressLine()
          let summary = try Pipeline.importPaths(
            paths, into: workspace, options: importOptions.importOptions(zone: zoneOption.zone),
            onProgress: { progress.fileDone($0.path) })
          progress.finish()
          for issue in summary.report.issues where issue.severity >= .warning {
            Output.err(issue.description)
          }
          Output.err(ImportSummaryText.closingLine(summary))
          exitCode = summary.exitCode == 65 ? 65 : 0
          if summary.exitCode == 1 { exitCode = 1 }
        } catch {
          Output.err("error: \(error.errorDescription ?? "import failed")")
          throw ExitCode(1)
        }
      }
      var document: PlanDocument
      let levelNames: [Int: String]
      do {
        let outputs = try Pipeline.outputs(workspace: workspace, request: request)
        document = outputs.document
        levelNames = outputs.context.levelNames
      } catch {
        Output.err("error: \(error.errorDescription ?? "plan failed")")
        throw ExitCode(1)
      }
      if let only, format != .text {
        document.contacts = document.contacts.filter {
          only == .review ? $0.status == .review : $0.status != .unchanged
        }
      }
      let shown: Set<PlanStatus> =
        switch only {
        case .review: [.review]
        case .changed: [.review, .change]
        case nil: Set(PlanStatus.allCases)
        }
      let writer: any PlanWriter =
        switch format {
        case .text: PlanTextWriter(limit: limit, style: color.style, levelNames: levelNames, statuses: shown)
        case .json: PlanJSONWriter()
        case .csv: PlanCSVWriter()
        }
      Output.out(try writer.render(document))
      if format != .text {
        Output.err(
          "Planned \(document.summary.contacts) friends: \(document.summary.review) to review, \(document.summary.excluded) excluded."
        )
      }
      if exitCode != 0 { throw ExitCode(exitCode) }
    }
  }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, csv
}

enum PlanFilter: String, ExpressibleByArgument, CaseIterable {
  case changed, review
}

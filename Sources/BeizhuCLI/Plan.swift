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

    func validate() throws {
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
          let summary = try Pipeline.importPaths(
            paths, into: workspace, options: importOptions.importOptions(zone: zoneOption.zone))
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
      do {
        document = try Pipeline.plan(workspace: workspace, request: request).document
      } catch {
        Output.err("error: \(error.errorDescription ?? "plan failed")")
        throw ExitCode(1)
      }
      if let only {
        document.contacts = document.contacts.filter {
          only == .review ? $0.status == .review : $0.status != .unchanged
        }
      }
      let writer: any PlanWriter =
        switch format {
        case .text: PlanTextWriter()
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

import ArgumentParser
import BeizhuKit
import BeizhuPlan
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Write the re-entry files for the current plan (导出): worksheet, tag lists, WeCom, agenda, undo, report.",
      discussion: """
        Writes into --out DIR: worksheet.csv (in contact-list order), tags/<tag>.txt, \
        wecom/remark.jsonl, wecom/mark_tag.jsonl, wecom/violations.txt, agenda.csv, agenda.ics, \
        undo.csv and report.html. Files are replaced; tag lists of tags no longer proposed are removed.

        Example:  beizhu export --out ~/beizhu-out --today 2025-01-15
        """)

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var zoneOption: TimeZoneOption
    @OptionGroup var planOptions: PlanOptionGroup
    @OptionGroup var dryRunOption: DryRunOption

    @Option(name: .long, help: "The folder to write into (created if needed).")
    var out: String

    @Option(name: .long, help: "Export only: changed or review.")
    var only: PlanFilter?

    @Option(
      name: .customLong("wecom-userid"), help: "Your WeCom member userid, put into the WeCom request bodies.")
    var wecomUserID: String = ""

    func run() throws {
      let request = try planOptions.request(zone: zoneOption.zone)
      let workspace = try workspaceOptions.open()
      var outputs: PlanOutputs
      do {
        outputs = try Pipeline.outputs(workspace: workspace, request: request)
      } catch {
        throw CLIFailure(message: "error: \(error.errorDescription ?? "plan failed")")
      }
      if let only { outputs.document = only.apply(to: outputs.document) }
      let files = try ReentryExport(wecom: WeComWriter(userID: wecomUserID)).files(
        outputs.document, context: outputs.context)
      let folder = OutputFolder(root: URL(fileURLWithPath: out), dryRun: dryRunOption.dryRun)
      try folder.write(files, ownedFolders: ["tags"])
      for violation in WeComWriter.violations(outputs.document) {
        Output.err("warning: WeCom limit 企业微信限制 — \(violation)")
      }
      let summary = outputs.document.summary
      Output.err(
        "\(dryRunOption.dryRun ? "Would export" : "Exported") \(summary.contacts) friends to \(out): \(summary.review) to review."
      )
    }
  }
}

extension PlanFilter {
  /// Keeps the entries `--only` asks for; the summary is recomputed over them.
  func apply(to document: PlanDocument) -> PlanDocument {
    let kept = document.contacts.filter { self == .review ? $0.status == .review : $0.status != .unchanged }
    return PlanDocument(
      scheme: document.scheme, today: document.today, contacts: kept, excluded: document.summary.excluded)
  }
}

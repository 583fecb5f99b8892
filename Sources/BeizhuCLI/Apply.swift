import ArgumentParser
import BeizhuKit
import BeizhuPlan
import BeizhuWorkspace
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that the current plan was entered in WeChat by hand (已录入).",
      discussion: """
        Beizhu never writes to WeChat. After you entered the remarks and tags, run \
        `beizhu apply --mark-applied` with the same options as the plan: the next plan \
        compares against what you entered and shows only what changed since.
        """)

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var zoneOption: TimeZoneOption
    @OptionGroup var planOptions: PlanOptionGroup
    @OptionGroup var dryRunOption: DryRunOption

    @Flag(
      name: .long, help: "Record the current plan as entered (required: applying means you did it by hand).")
    var markApplied = false

    func validate() throws {
      guard markApplied else {
        throw ValidationError(
          "beizhu never writes to WeChat; pass --mark-applied once you entered the plan by hand")
      }
    }

    func run() throws {
      let request = try planOptions.request(zone: zoneOption.zone)
      let workspace = try workspaceOptions.open()
      let outputs: PlanOutputs
      let previous: [String: AppliedEntry]
      do {
        outputs = try Pipeline.outputs(workspace: workspace, request: request)
        previous = try workspace.appliedState()
      } catch {
        throw CLIFailure(message: "error: \(error.localizedDescription)")
      }
      let entries = Pipeline.appliedEntries(outputs)
      var recorded = 0
      for entry in entries {
        let before = previous[entry.contactID]
        let sign = before == nil ? "+" : "~"
        if let before, before.remark == entry.remark, Set(before.tags) == Set(entry.tags),
          before.level == entry.level
        {
          continue
        }
        recorded += 1
        Output.out(
          "\(sign) \(entry.contactID): \(entry.previousRemark.isEmpty ? "-" : entry.previousRemark) → \(entry.remark) [\(entry.tags.joined(separator: ","))] \(entry.level)类"
        )
      }
      guard !dryRunOption.dryRun else {
        Output.err("Would record \(recorded) friends as entered (dry run).")
        return
      }
      do {
        try workspace.recordApplied(
          entries, today: outputs.document.today, scheme: outputs.document.scheme,
          at: Int64(Date().timeIntervalSince1970))
      } catch {
        throw CLIFailure(message: "error: \(error.errorDescription ?? "cannot record")")
      }
      Output.err("Recorded \(entries.count) friends as entered (\(recorded) new or changed) / 已记录录入.")
    }
  }

  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the files that restore the remarks and tags before the last apply (撤销).",
      discussion: """
        Writes undo.csv (find each friend under the entered remark, restore the old one) and \
        wecom/remark.jsonl with the old values into --out DIR, and marks the last apply undone.
        """)

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var dryRunOption: DryRunOption

    @Option(name: .long, help: "The folder to write into (created if needed).")
    var out: String

    @Option(
      name: .customLong("wecom-userid"), help: "Your WeCom member userid, put into the WeCom request bodies.")
    var wecomUserID: String = ""

    func run() throws {
      let workspace = try workspaceOptions.open()
      let last: (plan: AppliedPlan, entries: [AppliedEntry])?
      let items: [UndoItem]
      do {
        last = try workspace.lastApplied()
        items = try last.map { try Pipeline.undoItems($0.entries, workspace: workspace) } ?? []
      } catch {
        throw CLIFailure(message: "error: \(error.localizedDescription)")
      }
      guard let last else {
        Output.err("Nothing to undo: no apply recorded / 没有可撤销的录入.")
        return
      }
      let files = [
        UndoCSVWriter().render(items), UndoWeComWriter(userID: wecomUserID).render(items),
      ]
      try OutputFolder(root: URL(fileURLWithPath: out), dryRun: dryRunOption.dryRun).write(files)
      Output.out("- apply of \(last.plan.today) (\(last.entries.count) friends) marked undone")
      guard !dryRunOption.dryRun else { return }
      do {
        try workspace.markUndone(planID: last.plan.id, at: Int64(Date().timeIntervalSince1970))
      } catch {
        throw CLIFailure(message: "error: \(error.errorDescription ?? "cannot record")")
      }
      Output.err("Wrote restore files for \(items.count) friends to \(out) / 已写出恢复文件.")
    }
  }
}

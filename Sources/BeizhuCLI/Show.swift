import ArgumentParser
import BeizhuClassify
import BeizhuCore
import BeizhuKit
import BeizhuPlan
import BeizhuWorkspace
import BeizhuWrite
import Foundation

extension BeizhuCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One friend: features, evidence messages and the decision path (详情).")

    @Argument(help: "The friend's id or WeChat ID.")
    var id: String

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var planOptions: PlanOptionGroup
    @OptionGroup var zoneOption: TimeZoneOption

    @Flag(name: .long, help: "Also print every message of the private chat.")
    var messages = false

    func run() throws {
      let workspace = try workspaceOptions.open()
      let request = try planOptions.request(zone: zoneOption.zone)
      let shown: (decision: PlanDecision, messages: [Message])
      do {
        shown = try Pipeline.show(id: id, workspace: workspace, request: request)
      } catch {
        Output.err("error: \(error.errorDescription ?? "show failed")")
        throw ExitCode(1)
      }
      let decision = shown.decision
      let entry = decision.entry
      let features = decision.features
      let zone = request.options.timeZone
      var lines: [String] = []
      lines.append("\(entry.nickname) (\(entry.id)\(entry.alias.isEmpty ? "" : ", 微信号 \(entry.alias)"))")
      lines.append(
        "  old 旧备注: \(entry.oldRemark.isEmpty ? "-" : entry.oldRemark)   tags: \(entry.oldTags.joined(separator: ","))"
      )
      lines.append(
        "  new 新备注: \(entry.remark)   tags: \(entry.tags.joined(separator: ","))   status: \(entry.status.rawValue)"
      )
      lines.append("  level \(entry.level) role \(entry.role) revisit \(entry.revisit ?? "-")")
      lines.append("")
      lines.append("Features 特征")
      lines.append(
        "  messages: friend \(features.messagesFromFriend), me \(features.messagesFromMe), generated \(features.generatedMessages)"
      )
      lines.append("  sessions \(features.sessions.count), interactions 互动 \(features.interactions)")
      lines.append(
        "  first \(Timestamps.iso(features.firstContact, zone: zone) ?? "-"), last \(Timestamps.iso(features.lastContact, zone: zone) ?? "-")"
      )
      lines.append(
        "  products discussed 聊过产品: \(features.productsDiscussed ? "yes" : "no")  paid 已付款: \(entry.paid ? "yes" : "no")"
      )
      for payment in features.payments {
        let amount = payment.amountFen.map { String(format: "￥%.2f", Double($0) / 100) } ?? "?"
        lines.append(
          "  payment \(Timestamps.iso(payment.time, zone: zone) ?? ""): \(payment.direction) \(amount) \(payment.method) \(payment.countsAsPayment ? "counts" : "does not count") \(payment.note)"
        )
      }
      for keyword in features.keywords {
        lines.append(
          "  \(keyword.category) \(Timestamps.iso(keyword.time, zone: zone) ?? "") [\(keyword.fromFriend ? "friend" : "me")]: \(keyword.words.joined(separator: ","))"
        )
      }
      lines.append("")
      lines.append("Decision path 判定过程")
      for step in decision.classification.decisionPath {
        lines.append("  \(step.matched ? "✔" : "✘") \(step.level)类 \(step.rule): \(step.why)")
      }
      lines.append("")
      lines.append("Reasons 理由")
      for reason in entry.reasons { lines.append("  \(reason)") }
      if !entry.dropped.isEmpty { lines.append("Dropped 丢弃: \(entry.dropped.joined(separator: "、"))") }
      let history = (try? workspace.levelHistory(contactID: entry.id)) ?? []
      lines.append("")
      lines.append("Level history 级别历史 (applied 已录入)")
      if history.isEmpty { lines.append("  - none yet; `beizhu apply --mark-applied` records it") }
      for item in history {
        let when = Timestamps.iso(item.plan.appliedAt, zone: zone) ?? ""
        let undone = item.plan.undoneAt.map { " (undone 已撤销 \(Timestamps.iso($0, zone: zone) ?? ""))" } ?? ""
        lines.append(
          "  \(item.plan.today)  \(item.level)类 \(item.role)  \(item.remark)  revisit \(item.revisit ?? "-")  recorded \(when)\(undone)"
        )
      }
      if messages {
        lines.append("")
        lines.append("Messages 消息")
        for message in shown.messages {
          lines.append(
            "  \(Timestamps.iso(message.time, zone: zone) ?? "") \(message.side.rawValue) [\(message.kind.rawValue)] \(message.text)"
          )
        }
      }
      Output.out(lines.joined(separator: "\n"))
    }
  }

  struct Schemes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the shipped schemes (方案).")

    func run() throws {
      for name in Scheme.presets {
        let scheme = try Pipeline.loadScheme(name)
        Output.out("\(scheme.id)\t\(scheme.name)")
        for rule in scheme.levels {
          Output.out("  \(rule.level)  \(rule.name)\(rule.next.map { " — \($0)" } ?? "")")
        }
      }
    }
  }
}

import BeizhuClassify
import BeizhuCompose
import BeizhuCore
import BeizhuPlan
import BeizhuWorkspace
import BeizhuWrite
import Foundation

/// A plan with what its output files need (contact-list order, level names, last contact).
public struct PlanOutputs: Sendable {
  public var document: PlanDocument
  public var decisions: [PlanDecision]
  public var context: PlanContext
}

extension Pipeline {
  /// The plan and its writers' context (`plan`, `export`, `apply`).
  public static func outputs(workspace: Workspace, request: PlanRequest) throws(PipelineError) -> PlanOutputs
  {
    let (document, decisions) = try plan(workspace: workspace, request: request)
    let scheme: Scheme
    do {
      scheme = try loadScheme(request.scheme)
    } catch {
      throw .plan(error)
    }
    return PlanOutputs(
      document: document, decisions: decisions,
      context: context(decisions: decisions, scheme: scheme, timeZone: request.options.timeZone))
  }

  /// Where each friend sits in WeChat's contact list now, and when they last talked.
  public static func context(decisions: [PlanDecision], scheme: Scheme, timeZone: TimeZone) -> PlanContext {
    var friends: [String: FriendContext] = [:]
    for decision in decisions {
      let name = decision.entry.currentName
      friends[decision.entry.id] = FriendContext(
        section: ContactSortKey.section(for: name), sortKey: ContactSortKey.sortKey(for: name),
        lastContact: decision.features.lastContact.map { Day(unixTime: $0, timeZone: timeZone).description },
        oldDescription: decision.subject.description)
    }
    var levelNames: [Int: String] = [:]
    var nextActions: [Int: String] = [:]
    for rule in scheme.levels {
      if levelNames[rule.level] == nil { levelNames[rule.level] = rule.name }
      if nextActions[rule.level] == nil, let next = rule.next { nextActions[rule.level] = next }
    }
    return PlanContext(friends: friends, levelNames: levelNames, nextActions: nextActions)
  }

  /// What `apply --mark-applied` records: every friend's state before and as entered.
  public static func appliedEntries(_ outputs: PlanOutputs) -> [AppliedEntry] {
    outputs.document.contacts.map { entry in
      AppliedEntry(
        contactID: entry.id, previousRemark: entry.oldRemark, previousTags: entry.oldTags,
        previousDescription: outputs.context.friend(entry).oldDescription, remark: entry.remark,
        tags: entry.tags,
        description: entry.description, level: entry.level, role: entry.role, revisit: entry.revisit)
    }
  }

  /// The restore list for the latest applied run: friends whose remark, tags or description it changed.
  public static func undoItems(_ entries: [AppliedEntry], workspace: Workspace) throws(PipelineError)
    -> [UndoItem]
  {
    var items: [UndoItem] = []
    for entry in entries
    where entry.remark != entry.previousRemark || Set(entry.tags) != Set(entry.previousTags)
      || entry.description != entry.previousDescription
    {
      let contact: Contact?
      do {
        contact = try workspace.contact(id: entry.contactID)
      } catch {
        throw .workspace(error)
      }
      items.append(
        UndoItem(
          id: entry.contactID, alias: contact?.alias ?? "", nickname: contact?.nickname ?? "",
          findAs: entry.remark,
          remark: entry.previousRemark, tags: entry.previousTags, description: entry.previousDescription))
    }
    return items
  }
}
